/**
 * L layers of knowledge-aware propagation (KGAT; docs/method.md §4): for l = 1…L,
 *   e_{N_h} = Σ_{(h,r,t)} π(h, r, t) e_t^{(l−1)}   (core's fused `aggregateNeighbours`: sparse,
 *   never a dense node × node matrix),
 *   e_h^{(l)} = aggregator(e_h^{(l−1)}, e_{N_h}), then message dropout; the output concatenates
 *   every layer, each L2-normalised per row as KGAT's code does: e* = e^{(0)} ‖ ē^{(1)} ‖ … ‖ ē^{(L)}
 *   with ē = e / ‖e‖ (the next layer reads the unnormalised e^{(l)}, also as KGAT's code).
 */
import {
  type Aggregator,
  aggregateNeighbours,
  dropout,
  Kg4recError,
  namedSlotSchema,
  type PartConfig,
  type PropagationGraph,
  partOptions,
  Rng,
  type RngState,
  slotConfig,
  z,
} from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { type AggregatorSlotOptions, aggregators } from './aggregators';

/** Options the propagation sets on each layer's aggregator. */
const FIXED_BY_LAYER = ['inputDim', 'outputDim', 'seed'];

/**
 * The aggregator slot: a registered name, `{ name, options }` (created once per layer with that
 * layer's sizes), or one ready-made aggregator per layer.
 */
export type AggregatorSlot = string | { name: string; options?: Partial<AggregatorSlotOptions> } | Aggregator[];

/** The zod schema of an {@link AggregatorSlot}. */
export const aggregatorSlotSchema = z.union([
  z.string().min(1),
  namedSlotSchema,
  z.array(z.custom<Aggregator>((a) => typeof a === 'object' && a !== null && 'apply' in a, { message: 'expected an aggregator' })),
]);

/** Layer sizes: a non-empty list of positive integers. */
export const layerDimsSchema = z.array(z.number().int().min(1)).min(1);

/** The schema of {@link PropagationOptions}. */
export const PROPAGATION_OPTIONS = z
  .object({
    inputDim: z.number().int().min(1).describe('Size of the input embeddings e^(0). Default 64.'),
    layerDims: layerDimsSchema.describe('Output size of each layer. Default [64, 32, 16] (docs/method.md §4).'),
    aggregator: aggregatorSlotSchema.describe(
      "An aggregator: a registered name, { name, options }, or one instance per layer. Default 'bi-interaction'.",
    ),
    dropout: z.number().min(0).lt(1).describe('Message dropout rate after each layer, in training. Default 0.1.'),
    normalize: z.boolean().describe("L2-normalise each layer's output before concatenation (KGAT's code does). Default true."),
    seed: z.number().int().describe('Seed of the layers (layer l uses seed + l) and of the dropout masks.'),
  })
  .strict();

/** Options of {@link Propagation} (see {@link PROPAGATION_OPTIONS}). */
export type PropagationOptions = z.output<typeof PROPAGATION_OPTIONS>;

export const PROPAGATION_DEFAULTS: PropagationOptions = {
  inputDim: 64,
  layerDims: [64, 32, 16],
  aggregator: 'bi-interaction',
  dropout: 0.1,
  normalize: true,
  seed: 2025,
};

/** x / max(‖x‖₂, 1e-12) per row (as PyTorch's `F.normalize`), without `pow` in the gradient. */
function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-24))) as tf.Tensor2D;
}

/** A stack of propagation layers with their aggregators (a slot: see {@link AggregatorSlot}). */
export class Propagation {
  readonly options: PropagationOptions;
  readonly layers: Aggregator[];
  private readonly dropoutRng: Rng;

  constructor(options: Partial<PropagationOptions> = {}) {
    this.options = partOptions(PROPAGATION_OPTIONS, PROPAGATION_DEFAULTS, options, 'propagation options');
    const { inputDim, layerDims, aggregator, seed } = this.options;
    this.layers = layerAggregators(aggregator, inputDim, layerDims, seed);
    this.dropoutRng = new Rng(seed ^ 0x5bd1e995);
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap((layer) => layer.variables);
  }

  /** The dropout generator's state, for checkpoints. */
  get randomState(): RngState {
    return this.dropoutRng.state();
  }

  set randomState(state: RngState) {
    this.dropoutRng.setState(state);
  }

  /** Width of the concatenated output: inputDim + Σ layerDims. */
  get outputDim(): number {
    return this.options.inputDim + this.options.layerDims.reduce((a, b) => a + b, 0);
  }

  /** e* for every node [numNodes, outputDim], from e^{(0)} [numNodes, inputDim] and attention π [edges]. */
  forward(embeddings: tf.Tensor2D, graph: PropagationGraph, attention: tf.Tensor1D, training: boolean): tf.Tensor2D {
    return tf.tidy(() => tf.concat(this.forwardLayers(embeddings, graph, attention, training), 1) as tf.Tensor2D);
  }

  /**
   * e^{(0)}, e^{(1)}, …, e^{(L)} for every node, unconcatenated: a caller that needs a few rows of
   * e* gathers them from each layer and concatenates those (cheaper, forward and backward, than
   * concatenating every node's layers first).
   */
  forwardLayers(embeddings: tf.Tensor2D, graph: PropagationGraph, attention: tf.Tensor1D, training: boolean): tf.Tensor2D[] {
    return propagateTogether([this], [embeddings], graph, attention, training)[0] as tf.Tensor2D[];
  }

  /** Layer l's output from its input and the input's aggregated neighbourhood: [unnormalised, as e* keeps it]. */
  layerStep(l: number, current: tf.Tensor2D, neighbours: tf.Tensor2D, training: boolean): [tf.Tensor2D, tf.Tensor2D] {
    let next = (this.layers[l] as Aggregator).apply(current, neighbours);
    if (training && this.options.dropout > 0) next = dropout(next, this.options.dropout, this.dropoutRng.uint32());
    // The next layer reads the unnormalised output; e* keeps the normalised one (KGAT's code).
    return [next, this.options.normalize ? normalizeRows(next) : next];
  }

  /**
   * e^{(0)}, …, e^{(L)} (as {@link forwardLayers}, without dropout) of nodes that have no edges
   * (items added after training): each layer aggregates an empty neighbourhood, e_N = 0.
   */
  layersWithoutNeighbours(embeddings: tf.Tensor2D): tf.Tensor2D[] {
    return tf.tidy(() => {
      const outputs = [embeddings];
      let current = embeddings;
      for (let l = 0; l < this.layers.length; l++) {
        const [next, output] = this.layerStep(l, current, tf.zerosLike(current), false);
        outputs.push(output);
        current = next;
      }
      return outputs;
    });
  }

  getConfig(): PartConfig {
    return { name: 'kgat-propagation', options: { ...this.options, aggregator: aggregatorSlotConfig(this.options.aggregator) } };
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}

/** An aggregator slot as a config saves it: instances as the first one's config, without the sizes each layer sets. */
export function aggregatorSlotConfig(slot: AggregatorSlot): string | PartConfig {
  return Array.isArray(slot) ? slotConfig(slot[0], FIXED_BY_LAYER) : slotConfig(slot);
}

/** Each layer's aggregator, from the slot: created per layer with its sizes, or the given instances. */
function layerAggregators(slot: AggregatorSlot, inputDim: number, layerDims: readonly number[], seed: number): Aggregator[] {
  if (Array.isArray(slot)) {
    if (slot.length !== layerDims.length)
      throw new Kg4recError(
        'INVALID_CONFIG',
        `propagation: ${slot.length} aggregator instances for ${layerDims.length} layers; give one per layer`,
      );
    return [...slot];
  }
  const dims = [inputDim, ...layerDims];
  return layerDims.map((outputDim, l) => aggregators.resolve(slot, { fixed: { inputDim: dims[l] as number, outputDim, seed: seed + l } }));
}

/**
 * Several propagations over the same graph and attention π at once (Multi-KG4Rec's visual and
 * text graphs): each layer's neighbourhoods e_{N_h} of every stream come from one sparse
 * aggregation of the streams' embeddings side by side, which reads each edge once instead of
 * once per stream. Equal, value for value, to each stream's own {@link Propagation.forwardLayers}.
 * The propagations must have the same number of layers; returns each stream's layers.
 */
export function propagateTogether(
  propagations: readonly Propagation[],
  embeddings: readonly tf.Tensor2D[],
  graph: PropagationGraph,
  attention: tf.Tensor1D,
  training: boolean,
): tf.Tensor2D[][] {
  const depth = propagations[0]?.layers.length ?? 0;
  if (propagations.length !== embeddings.length || propagations.some((p) => p.layers.length !== depth))
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      'propagateTogether: one embedding matrix per propagation, and the same number of layers in each',
    );
  return tf.tidy(() => {
    const outputs = embeddings.map((e) => [e]);
    let current = [...embeddings];
    for (let l = 0; l < depth; l++) {
      const neighbours = aggregateSideBySide(graph, attention, current);
      const steps = propagations.map((p, k) => p.layerStep(l, current[k] as tf.Tensor2D, neighbours[k] as tf.Tensor2D, training));
      steps.forEach(([, output], k) => {
        outputs[k]?.push(output);
      });
      current = steps.map(([next]) => next);
    }
    return outputs;
  });
}

/** Each matrix's aggregated neighbourhoods, from one aggregation of the matrices side by side. */
function aggregateSideBySide(graph: PropagationGraph, attention: tf.Tensor1D, xs: readonly tf.Tensor2D[]): tf.Tensor2D[] {
  if (xs.length === 1) return [aggregateNeighbours(graph.index, attention, xs[0] as tf.Tensor2D)];
  const joined = aggregateNeighbours(graph.index, attention, tf.concat(xs as tf.Tensor2D[], 1) as tf.Tensor2D);
  return tf.split(
    joined,
    xs.map((x) => x.shape[1]),
    1,
  ) as tf.Tensor2D[];
}
