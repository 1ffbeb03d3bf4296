/**
 * Aggregators of one propagation layer (KGAT; docs/method.md §4), combining each node's embedding
 * e_h with its neighbourhood's e_{N_h} into a new embedding of size `outputDim`:
 * - `bi-interaction`: LeakyReLU(W₁(e_h + e_{N_h})) + LeakyReLU(W₂(e_h ⊙ e_{N_h}))
 * - `gcn`:            LeakyReLU(W(e_h + e_{N_h}))
 * - `graphsage`:      LeakyReLU(W(e_h ‖ e_{N_h}))
 * Each W is a dense layer with bias, initialised as PyTorch's (Xavier weights, uniform bias) from a
 * seeded generator.
 */
import { type Aggregator, createRegistry, initValues, matMulRows, type PartConfig, type Registry, Rng, z } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** The schema of {@link AggregatorOptions}. */
export const AGGREGATOR_OPTIONS = z
  .object({
    inputDim: z.number().int().min(1).describe('Width of the layer input; the propagation sets it.'),
    outputDim: z.number().int().min(1).describe('Width of the layer output; the propagation sets it.'),
    alpha: z.number().min(0).describe("LeakyReLU slope. Default 0.01 (PyTorch's, as KGAT's code uses)."),
    seed: z.number().int().describe('Seed of the initialisation; the propagation sets it per layer.'),
  })
  .strict();

/** Options of the built-in aggregators. */
export type AggregatorOptions = z.output<typeof AGGREGATOR_OPTIONS>;

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

/** The built-in aggregators' defaults (the sizes are the propagation's to set). */
export const AGGREGATOR_DEFAULTS: AggregatorOptions = { inputDim: 64, outputDim: 64, alpha: 0.01, seed: 2025 };

/**
 * Options every aggregator is created with: the sizes and seed the propagation sets per layer,
 * plus whatever the aggregator itself takes.
 */
export type AggregatorSlotOptions = Pick<AggregatorOptions, 'inputDim' | 'outputDim' | 'seed'> & Record<string, unknown>;

/** Registry of aggregators: `bi-interaction`, `gcn`, `graphsage`. */
export const aggregators: Registry<Aggregator, AggregatorSlotOptions> = createRegistry('aggregator');
const BUILT_IN: Array<[string, string, (o: AggregatorOptions) => Aggregator]> = [
  ['bi-interaction', 'LeakyReLU(W₁(e_h + e_N)) + LeakyReLU(W₂(e_h ⊙ e_N))', (o) => new BiInteractionAggregator(o)],
  ['gcn', 'LeakyReLU(W(e_h + e_N))', (o) => new GcnAggregator(o)],
  ['graphsage', 'LeakyReLU(W(e_h ‖ e_N))', (o) => new GraphSageAggregator(o)],
];
for (const [name, description, build] of BUILT_IN) {
  aggregators.register({
    name,
    description,
    create: (o) => build(o as AggregatorOptions),
    defaults: AGGREGATOR_DEFAULTS,
    schema: AGGREGATOR_OPTIONS,
  });
}
