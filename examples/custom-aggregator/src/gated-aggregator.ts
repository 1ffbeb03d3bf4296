/**
 * A gated aggregator, as a user would write one: a learned gate decides, per node and feature,
 * how much of the node's own embedding and how much of its neighbourhood pass into the layer:
 *
 *   g = σ(W_g (e_h ‖ e_N) + b_g),   e_h' = LeakyReLU(W (g ⊙ e_h + (1 − g) ⊙ e_N) + b)
 *
 * It implements core's `Aggregator` (variables, apply, getConfig, dispose) and is created with
 * the sizes the propagation sets per layer (`inputDim`, `outputDim`, `seed`).
 */
import { type Aggregator, initValues, type PartConfig, Rng } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** Options of {@link GatedAggregator}. */
export interface GatedOptions {
  inputDim: number;
  outputDim: number;
  seed: number;
  /** LeakyReLU slope. */
  alpha: number;
}

let created = 0;

/** A trainable Xavier-uniform matrix and a zero bias, named uniquely (tfjs names are global). */
function dense(rows: number, cols: number, rng: Rng): [tf.Variable, tf.Variable] {
  const id = created++;
  return tf.tidy(() => [
    tf.variable(tf.tensor2d(initValues([rows, cols], 'xavierUniform', rng), [rows, cols]), true, `gated_w_${id}`),
    tf.variable(tf.zeros([cols]), true, `gated_b_${id}`),
  ]);
}

/** The gated aggregator. */
export class GatedAggregator implements Aggregator {
  private readonly gate: [tf.Variable, tf.Variable];
  private readonly output: [tf.Variable, tf.Variable];

  constructor(readonly options: GatedOptions) {
    const rng = new Rng(options.seed);
    this.gate = dense(2 * options.inputDim, options.inputDim, rng);
    this.output = dense(options.inputDim, options.outputDim, rng);
  }

  get variables(): tf.Variable[] {
    return [...this.gate, ...this.output];
  }

  apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const [wg, bg] = this.gate;
      const [w, b] = this.output;
      const g = tf.sigmoid(tf.add(tf.matMul(tf.concat([self, neighbours], 1), wg), bg));
      const mixed = tf.add(tf.mul(g, self), tf.mul(tf.sub(1, g), neighbours)) as tf.Tensor2D;
      return tf.leakyRelu(tf.add(tf.matMul(mixed, w), b), this.options.alpha) as tf.Tensor2D;
    });
  }

  getConfig(): PartConfig {
    return { name: 'gated', options: { ...this.options } };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
