/**
 * Aggregators of one propagation layer (KGAT; method.md §4), combining each node's embedding
 * e_h with its neighbourhood's e_{N_h} into a new embedding of size `outputDim`:
 * - `bi-interaction`: LeakyReLU(W₁(e_h + e_{N_h})) + LeakyReLU(W₂(e_h ⊙ e_{N_h}))
 * - `gcn`:            LeakyReLU(W(e_h + e_{N_h}))
 * - `graphsage`:      LeakyReLU(W(e_h ‖ e_{N_h}))
 * Each W is a dense layer with bias, initialised as PyTorch's (Xavier weights, uniform bias) from a
 * seeded generator.
 */
import { createRegistry, initValues, matMulRows, type PartConfig, type Registry, Rng } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** Options of every aggregator. */
export interface AggregatorOptions {
  inputDim: number;
  outputDim: number;
  /** LeakyReLU slope. Default 0.01 (PyTorch's, as KGAT's code uses). */
  alpha: number;
  seed: number;
}

/** Combines node and neighbourhood embeddings [N, inputDim] into [N, outputDim]. */
export interface Aggregator {
  readonly variables: tf.Variable[];
  apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D;
  getConfig(): PartConfig;
  dispose(): void;
}

let created = 0;

/**
 * A dense layer's weight [inputDim, outputDim] (Xavier-uniform) and bias [outputDim] (uniform on
 * ±1/√inputDim, PyTorch's `nn.Linear` default, which KGAT's code keeps).
 */
function dense(inputDim: number, outputDim: number, rng: Rng): [tf.Variable, tf.Variable] {
  const weight = tf.tidy(() =>
    tf.variable(tf.tensor2d(initValues([inputDim, outputDim], 'xavierUniform', rng), [inputDim, outputDim]), true, `gnn_w_${created++}`),
  );
  const bias = initValues([outputDim], 'uniform', rng, { scale: 1 / Math.sqrt(inputDim) });
  return [weight, tf.tidy(() => tf.variable(tf.tensor1d(bias), true, `gnn_b_${created++}`))];
}

const affine = ([weight, bias]: [tf.Variable, tf.Variable], x: tf.Tensor2D) =>
  tf.add(matMulRows(x, weight as tf.Tensor2D), bias) as tf.Tensor2D;

abstract class DenseAggregator implements Aggregator {
  protected readonly layers: Array<[tf.Variable, tf.Variable]>;

  constructor(
    readonly name: string,
    readonly options: AggregatorOptions,
    inputDims: number[],
  ) {
    const rng = new Rng(options.seed);
    this.layers = inputDims.map((dim) => dense(dim, options.outputDim, rng));
  }

  get variables(): tf.Variable[] {
    return this.layers.flat();
  }

  protected activate(x: tf.Tensor2D): tf.Tensor2D {
    return tf.leakyRelu(x, this.options.alpha);
  }

  abstract apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D;

  getConfig(): PartConfig {
    return { name: this.name, options: { ...this.options } };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** Bi-Interaction: LeakyReLU(W₁(e_h + e_N)) + LeakyReLU(W₂(e_h ⊙ e_N)). */
export class BiInteractionAggregator extends DenseAggregator {
  constructor(options: AggregatorOptions) {
    super('bi-interaction', options, [options.inputDim, options.inputDim]);
  }

  apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const [sum, product] = this.layers as [[tf.Variable, tf.Variable], [tf.Variable, tf.Variable]];
      return tf.add(
        this.activate(affine(sum, tf.add(self, neighbours))),
        this.activate(affine(product, tf.mul(self, neighbours))),
      ) as tf.Tensor2D;
    });
  }
}

/** GCN: LeakyReLU(W(e_h + e_N)). */
export class GcnAggregator extends DenseAggregator {
  constructor(options: AggregatorOptions) {
    super('gcn', options, [options.inputDim]);
  }

  apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.activate(affine(this.layers[0] as [tf.Variable, tf.Variable], tf.add(self, neighbours))));
  }
}

/** GraphSAGE: LeakyReLU(W(e_h ‖ e_N)). */
export class GraphSageAggregator extends DenseAggregator {
  constructor(options: AggregatorOptions) {
    super('graphsage', options, [2 * options.inputDim]);
  }

  apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() =>
      this.activate(affine(this.layers[0] as [tf.Variable, tf.Variable], tf.concat([self, neighbours], 1) as tf.Tensor2D)),
    );
  }
}

const AGGREGATOR_DEFAULTS: AggregatorOptions = { inputDim: 64, outputDim: 64, alpha: 0.01, seed: 2025 };

/** Registry of aggregators: `bi-interaction`, `gcn`, `graphsage`. */
export const aggregators: Registry<Aggregator, AggregatorOptions> = createRegistry('aggregator');
aggregators.register({ name: 'bi-interaction', create: (o) => new BiInteractionAggregator(o), defaults: AGGREGATOR_DEFAULTS });
aggregators.register({ name: 'gcn', create: (o) => new GcnAggregator(o), defaults: AGGREGATOR_DEFAULTS });
aggregators.register({ name: 'graphsage', create: (o) => new GraphSageAggregator(o), defaults: AGGREGATOR_DEFAULTS });
