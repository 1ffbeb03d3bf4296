/**
 * KGAT (Wang, He et al., KDD 2019), assembled from registered parts: a KG embedding (TransR by
 * default) over the collaborative KG, knowledge-aware attention π and an L-layer propagation with
 * a chosen aggregator (`@kg4rec/gnn`). ŷ(u, i) = e*_uᵀ e*_i with e* the concatenation of every
 * layer (method.md §5); L = L_CF (BPR) + L_KG (TransR), alternated by the trainer.
 * Attention: `epoch` starts from Σ_r D_r⁻¹A_r (each relation's edges of a head weighted 1/their
 * number) and recomputes π in `refresh` (after each epoch's steps) without gradients, as KGAT's
 * code; `batch` recomputes it in every CF step, with gradients.
 */
import { Kg4recError, type KgTripleBatch, type PartConfig, type RngState } from '@kg4rec/core';
import { disposeGraph, Propagation, type PropagationGraph, propagationGraph } from '@kg4rec/gnn';
import { TransR } from '@kg4rec/transr';
import * as tf from '@tensorflow/tfjs';
import { type ModelContext, requireGraph } from './context';
import { DotProductRecommender, type ScoringRows } from './dot-product';
import { GRAPH_MODEL_DEFAULTS, type GraphModelOptions } from './graph-options';
import { type AttendedNeighbour, concatenatedLayerRows, topAttended, transRAttention } from './graph-rows';

/** Options of {@link KGAT} (aggregator default `bi-interaction`). */
export interface KgatOptions extends GraphModelOptions {
  /** When π is recomputed: once per epoch (no gradient) or in every CF batch. Default `epoch`. */
  attention: 'epoch' | 'batch';
}

export const KGAT_DEFAULTS: KgatOptions = { ...GRAPH_MODEL_DEFAULTS, aggregator: 'bi-interaction', attention: 'epoch' };

/** The KGAT recommender. */
export class KGAT extends DotProductRecommender {
  readonly options: KgatOptions;
  readonly kg: TransR;
  readonly propagation: Propagation;
  private readonly graph: PropagationGraph;
  private readonly firstUserNode: number;
  private attention: tf.Tensor1D;

  constructor(
    readonly context: ModelContext,
    options: Partial<KgatOptions> = {},
  ) {
    super();
    this.options = { ...KGAT_DEFAULTS, ...options };
    const graph = requireGraph(context, 'kgat');
    const { dim, relationDim, layerDims, aggregator, dropout, kgL2, seed } = this.options;
    this.kg = new TransR({ numEntities: graph.numNodes, numRelations: graph.numRelations, entityDim: dim, relationDim, l2: kgL2, seed });
    this.propagation = new Propagation({ inputDim: dim, layerDims, aggregator, dropout, seed: seed + 1 });
    this.graph = propagationGraph(graph.heads, graph.tails, graph.relations, graph.numNodes, graph.numRelations);
    this.firstUserNode = graph.firstUserNode;
    this.attention = tf.tensor1d(this.graph.relationWiseRandomWalk);
  }

  get variables(): tf.Variable[] {
    return [...this.kg.variables, ...this.propagation.variables];
  }

  private computeAttention(): tf.Tensor1D {
    return transRAttention(this.graph, this.kg);
  }

  randomState(): RngState[] {
    return [this.propagation.randomState];
  }

  setRandomState([dropout]: RngState[]): void {
    if (!dropout) throw new Kg4recError('INVALID_ARGUMENT', 'KGAT.setRandomState: expected the dropout generator state');
    this.propagation.randomState = dropout;
  }

  refresh(): void {
    const fresh = tf.tidy(() => this.computeAttention());
    this.attention.dispose();
    this.attention = fresh;
  }

  /** e^{(0)} … e^{(L)} of every CKG node; e* is their concatenation. */
  private layerEmbeddings(training: boolean): tf.Tensor2D[] {
    const attention = this.options.attention === 'batch' && training ? this.computeAttention() : this.attention;
    return this.propagation.forwardLayers(this.kg.entityEmbeddings as tf.Tensor2D, this.graph, attention, training);
  }

  protected get l2(): number {
    return this.options.l2;
  }

  protected rows(training: boolean): ScoringRows {
    return concatenatedLayerRows(this.layerEmbeddings(training), this.firstUserNode, this.context.numItems);
  }

  /** The `k` CKG neighbours of `node` with the most attention π (for explanations). */
  attendedNeighbours(node: number, k = 5): Promise<AttendedNeighbour[]> {
    return topAttended(this.graph, this.attention, node, k);
  }

  kgLoss(batch: KgTripleBatch): tf.Scalar {
    return this.kg.loss(batch);
  }

  getConfig(): PartConfig {
    return { name: 'kgat', options: { ...this.options } };
  }

  dispose(): void {
    this.kg.dispose();
    this.propagation.dispose();
    this.attention.dispose();
    disposeGraph(this.graph);
  }
}
