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
import { disposeGraph, knowledgeAwareAttention, Propagation, type PropagationGraph, propagationGraph } from '@kg4rec/gnn';
import { TransR } from '@kg4rec/transr';
import * as tf from '@tensorflow/tfjs';
import { type ModelContext, requireGraph } from './context';
import { DotProductRecommender, type ScoringRows } from './dot-product';

/** Options of {@link KGAT}. */
export interface KgatOptions {
  /** Entity (and user) embedding size d. Default 64. */
  dim: number;
  /** Relation embedding size k. Default 64. */
  relationDim: number;
  /** Output sizes of the propagation layers. Default [64, 32, 16]. */
  layerDims: number[];
  /** A `@kg4rec/gnn` aggregator name. Default `bi-interaction`. */
  aggregator: string;
  /** Message dropout. Default 0.1. */
  dropout: number;
  /** L2 weight of the CF loss. Default 1e-5. */
  l2: number;
  /** L2 weight of the KG loss. Default 1e-5. */
  kgL2: number;
  /** When π is recomputed: once per epoch (no gradient) or in every CF batch. Default `epoch`. */
  attention: 'epoch' | 'batch';
  seed: number;
}

export const KGAT_DEFAULTS: KgatOptions = {
  dim: 64,
  relationDim: 64,
  layerDims: [64, 32, 16],
  aggregator: 'bi-interaction',
  dropout: 0.1,
  l2: 1e-5,
  kgL2: 1e-5,
  attention: 'epoch',
  seed: 2025,
};

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
    const { entityEmbeddings, relationEmbeddings, projections } = this.kg;
    return knowledgeAwareAttention(this.graph, {
      entities: entityEmbeddings as tf.Tensor2D,
      relations: relationEmbeddings as tf.Tensor2D,
      projections: projections as tf.Tensor3D,
    });
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
    const layers = this.layerEmbeddings(training);
    const first = tf.scalar(this.firstUserNode, 'int32');
    const concatenated = (pick: (layer: tf.Tensor2D) => tf.Tensor2D) => tf.concat(layers.map(pick), 1) as tf.Tensor2D;
    return {
      users: (ids) => {
        const nodes = tf.add(ids, first);
        return concatenated((layer) => tf.gather(layer, nodes) as tf.Tensor2D);
      },
      items: (ids) => concatenated((layer) => tf.gather(layer, ids) as tf.Tensor2D),
      allItems: () => concatenated((layer) => tf.slice(layer, [0, 0], [this.context.numItems, -1])),
    };
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
