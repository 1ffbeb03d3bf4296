/**
 * KGAT (Wang, He et al., KDD 2019), assembled from registered parts: a KG embedding (TransR by
 * default) over the collaborative KG, edge attention π (knowledge-aware by default) and an
 * L-layer propagation with a chosen aggregator (`@kg4rec/gnn`). ŷ(u, i) = e*_uᵀ e*_i with e* the
 * concatenation of every layer (docs/method.md §5); L = L_CF (BPR) + L_KG, alternated by the
 * trainer. The KG embedding, attention and their schedule live in {@link GraphRecommender}.
 */
import { type ModelContext, partOptions, type RngState, requireGraph } from '@kg4rec/core';
import { Propagation } from '@kg4rec/gnn';
import type * as tf from '@tensorflow/tfjs';
import type { ScoringRows } from './dot-product';
import { GRAPH_MODEL_DEFAULTS, GRAPH_MODEL_OPTIONS, type GraphModelOptions } from './graph-options';
import { GraphRecommender } from './graph-recommender';
import { concatenatedLayerRows } from './graph-rows';
import { checkedRandomState } from './random-state';

/** The schema of {@link KgatOptions}. */
export const KGAT_OPTIONS = GRAPH_MODEL_OPTIONS;

/** Options of {@link KGAT} (see {@link KGAT_OPTIONS}). */
export type KgatOptions = GraphModelOptions;

/** KGAT's defaults: its code's settings, the Bi-Interaction aggregator. */
export const KGAT_DEFAULTS: KgatOptions = { ...GRAPH_MODEL_DEFAULTS, aggregator: 'bi-interaction' };

/** The KGAT recommender. */
export class KGAT extends GraphRecommender<KgatOptions> {
  readonly propagation: Propagation;

  constructor(context: ModelContext, options: Partial<KgatOptions> = {}) {
    const resolved = partOptions(KGAT_OPTIONS, KGAT_DEFAULTS, options, 'kgat options');
    const graph = requireGraph(context, 'kgat');
    super({ name: 'kgat', context, options: resolved, edges: graph, firstUserNode: graph.firstUserNode });
    const { dim, layerDims, aggregator, dropout, seed } = resolved;
    this.propagation = new Propagation({ inputDim: dim, layerDims, aggregator, dropout, seed: seed + 1 });
  }

  get variables(): tf.Variable[] {
    return [...this.kg.variables, ...this.propagation.variables];
  }

  randomState(): RngState[] {
    return [this.propagation.randomState];
  }

  setRandomState(states: RngState[]): void {
    this.propagation.randomState = checkedRandomState(states, 1, 'KGAT')[0] as RngState;
  }

  protected rows(training: boolean): ScoringRows {
    const layers = this.propagation.forwardLayers(
      this.kg.entityEmbeddings as tf.Tensor2D,
      this.graph,
      this.currentAttention(training),
      training,
    );
    return concatenatedLayerRows(layers, this.firstUserNode, this.context.numItems);
  }

  override dispose(): void {
    super.dispose();
    this.propagation.dispose();
  }
}
