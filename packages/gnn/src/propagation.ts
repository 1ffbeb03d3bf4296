/**
 * L layers of knowledge-aware propagation (KGAT; method.md §4): for l = 1…L,
 *   e_{N_h} = Σ_{(h,r,t)} π(h, r, t) e_t^{(l−1)}   (core's fused `aggregateNeighbours`: sparse,
 *   never a dense node × node matrix),
 *   e_h^{(l)} = aggregator(e_h^{(l−1)}, e_{N_h}), then message dropout; the output concatenates
 *   every layer, each L2-normalised per row as KGAT's code does: e* = e^{(0)} ‖ ē^{(1)} ‖ … ‖ ē^{(L)}
 *   with ē = e / ‖e‖ (the next layer reads the unnormalised e^{(l)}, also as KGAT's code).
 */
import { aggregateNeighbours, dropout, Kg4recError, Rng, type RngState } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { type Aggregator, aggregators } from './aggregators';
import type { PropagationGraph } from './graph';

/** Options of {@link Propagation}. */
export interface PropagationOptions {
  /** Size of the input embeddings e^{(0)}. Default 64. */
  inputDim: number;
  /** Output size of each layer. Default [64, 32, 16] (method.md §4). */
  layerDims: number[];
  /** An `aggregators` name. Default `bi-interaction`. */
  aggregator: string;
  /** Message dropout rate after each layer, in training. Default 0.1. */
  dropout: number;
  /** L2-normalise each layer's output before concatenation (KGAT's code does). Default true. */
  normalize: boolean;
  seed: number;
}

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

/** A stack of propagation layers with their aggregators. */
export class Propagation {
  readonly options: PropagationOptions;
  readonly layers: Aggregator[];
  private readonly dropoutRng: Rng;

  constructor(options: Partial<PropagationOptions> = {}) {
    this.options = { ...PROPAGATION_DEFAULTS, ...options };
    const { inputDim, layerDims, aggregator, seed, dropout } = this.options;
    if (!(dropout >= 0 && dropout < 1)) throw new Kg4recError('INVALID_CONFIG', `dropout must be in [0, 1), got ${dropout}`);
    const dims = [inputDim, ...layerDims];
    this.layers = layerDims.map((outputDim, l) =>
      aggregators.create(aggregator, { inputDim: dims[l] as number, outputDim, seed: seed + l }),
    );
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
    return tf.tidy(() => {
      const outputs: tf.Tensor2D[] = [embeddings];
      let current = embeddings;
      for (const layer of this.layers) {
        let next = layer.apply(current, aggregateNeighbours(graph.index, attention, current));
        if (training && this.options.dropout > 0) next = dropout(next, this.options.dropout, this.dropoutRng.uint32());
        // The next layer reads the unnormalised output; e* keeps the normalised one (KGAT's code).
        outputs.push(this.options.normalize ? normalizeRows(next) : next);
        current = next;
      }
      return outputs;
    });
  }

  getConfig() {
    return { name: 'kgat-propagation', options: { ...this.options } };
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}
