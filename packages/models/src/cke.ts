/**
 * CKE (Zhang et al., KDD 2016) as KGAT's paper runs it as a baseline: an item's latent vector is
 * its collaborative embedding plus its KG entity's TransR embedding, v_i + e_i; ŷ(u, i) =
 * e_uᵀ(v_i + e_i); trained with BPR (CF) alternated with TransR (KG). Items are entities
 * 0…numItems−1 of the collaborative KG, as `@kg4rec/kg` lays it out.
 */
import { type KgTripleBatch, type PartConfig, Rng } from '@kg4rec/core';
import { TransR } from '@kg4rec/transr';
import * as tf from '@tensorflow/tfjs';
import { embeddingTable } from './bprmf';
import { type ModelContext, requireGraph } from './context';
import { DotProductRecommender, type ScoringRows } from './dot-product';

/** Options of {@link CKE}. */
export interface CkeOptions {
  /** Embedding size (users, items, entities). Default 64. */
  dim: number;
  /** TransR relation size. Default 64. */
  relationDim: number;
  l2: number;
  kgL2: number;
  seed: number;
}

export const CKE_DEFAULTS: CkeOptions = { dim: 64, relationDim: 64, l2: 1e-5, kgL2: 1e-5, seed: 2025 };

/** The CKE recommender. */
export class CKE extends DotProductRecommender {
  readonly options: CkeOptions;
  readonly kg: TransR;
  readonly userEmbeddings: tf.Variable;
  readonly itemEmbeddings: tf.Variable;

  constructor(
    readonly context: ModelContext,
    options: Partial<CkeOptions> = {},
  ) {
    super();
    this.options = { ...CKE_DEFAULTS, ...options };
    const graph = requireGraph(context, 'cke');
    const { dim, relationDim, kgL2, seed } = this.options;
    const rng = new Rng(seed);
    this.userEmbeddings = embeddingTable(context.numUsers, dim, rng, 'cke_users');
    this.itemEmbeddings = embeddingTable(context.numItems, dim, rng, 'cke_items');
    this.kg = new TransR({
      numEntities: graph.numNodes,
      numRelations: graph.numRelations,
      entityDim: dim,
      relationDim,
      l2: kgL2,
      seed: seed + 1,
    });
  }

  get variables(): tf.Variable[] {
    return [this.userEmbeddings, this.itemEmbeddings, ...this.kg.variables];
  }

  /** v_i + e_i for the given items. */
  private items(ids: tf.Tensor1D): tf.Tensor2D {
    return tf.add(tf.gather(this.itemEmbeddings, ids), tf.gather(this.kg.entityEmbeddings, ids)) as tf.Tensor2D;
  }

  protected get l2(): number {
    return this.options.l2;
  }

  protected rows(): ScoringRows {
    return {
      users: (ids) => tf.gather(this.userEmbeddings, ids) as tf.Tensor2D,
      items: (ids) => this.items(ids),
      allItems: () => this.items(tf.range(0, this.context.numItems, 1, 'int32') as tf.Tensor1D),
    };
  }

  kgLoss(batch: KgTripleBatch): tf.Scalar {
    return this.kg.loss(batch);
  }

  getConfig(): PartConfig {
    return { name: 'cke', options: { ...this.options } };
  }

  dispose(): void {
    tf.dispose([this.userEmbeddings, this.itemEmbeddings]);
    this.kg.dispose();
  }
}
