/**
 * CKE (Zhang et al., KDD 2016) as KGAT's paper runs it as a baseline: an item's latent vector is
 * its collaborative embedding plus its KG entity's TransR embedding, v_i + e_i; ŷ(u, i) =
 * e_uᵀ(v_i + e_i); trained with BPR (CF) alternated with TransR (KG). Items are entities
 * 0…numItems−1 of the collaborative KG, as `@kg4rec/kg` lays it out.
 */
import {
  type KgEmbedding,
  type KgTripleBatch,
  type ModelContext,
  type PartConfig,
  partOptions,
  Rng,
  requireGraph,
  slotConfig,
  slotSchema,
  z,
} from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { embeddingTable } from './bprmf';
import { DotProductRecommender, type ScoringRows } from './dot-product';
import { checkKgEmbeddingSlot, KG_EMBEDDING_FIXED, resolveKgEmbedding } from './parts';

/** The schema of {@link CkeOptions}. */
export const CKE_OPTIONS = z
  .object({
    dim: z.number().int().min(1).describe('Embedding size (users, items, entities). Default 64.'),
    relationDim: z.number().int().min(1).describe('Relation size of the KG embedding. Default 64.'),
    kgEmbedding: slotSchema<KgEmbedding>('KG embedding').describe(
      "The KG embedding (kgEmbeddings registry): a name, { name, options } or an instance. Default 'transr'.",
    ),
    l2: z.number().min(0).describe('L2 weight λ of the CF loss. Default 1e-5.'),
    kgL2: z.number().min(0).describe('L2 weight of the KG loss. Default 1e-5.'),
    seed: z.number().int().describe('Seed of the initialisation (the KG embedding uses seed + 1). Default 2025.'),
  })
  .strict();

/** Options of {@link CKE} (see {@link CKE_OPTIONS}). */
export type CkeOptions = z.output<typeof CKE_OPTIONS>;

export const CKE_DEFAULTS: CkeOptions = { dim: 64, relationDim: 64, kgEmbedding: { name: 'transr' }, l2: 1e-5, kgL2: 1e-5, seed: 2025 };

/** The CKE recommender. */
export class CKE extends DotProductRecommender {
  readonly options: CkeOptions;
  readonly kg: KgEmbedding;
  readonly userEmbeddings: tf.Variable;
  readonly itemEmbeddings: tf.Variable;

  constructor(
    readonly context: ModelContext,
    options: Partial<CkeOptions> = {},
  ) {
    super();
    this.options = partOptions(CKE_OPTIONS, CKE_DEFAULTS, options, 'cke options');
    const graph = requireGraph(context, 'cke');
    const { dim, relationDim, kgL2, seed } = this.options;
    const plan = { numEntities: graph.numNodes, numRelations: graph.numRelations, entityDim: dim, relationDim, l2: kgL2, seed: seed + 1 };
    checkKgEmbeddingSlot(this.options.kgEmbedding, plan); // before the tables: a bad slot allocates nothing
    const rng = new Rng(seed);
    this.userEmbeddings = embeddingTable(context.numUsers, dim, rng, 'cke_users');
    this.itemEmbeddings = embeddingTable(context.numItems, dim, rng, 'cke_items');
    this.kg = resolveKgEmbedding(this.options.kgEmbedding, plan, 'cke');
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
    return { name: 'cke', options: { ...this.options, kgEmbedding: slotConfig(this.options.kgEmbedding, KG_EMBEDDING_FIXED) } };
  }

  dispose(): void {
    tf.dispose([this.userEmbeddings, this.itemEmbeddings]);
    this.kg.dispose();
  }
}
