/**
 * BPRMF (Rendle et al., UAI 2009): ŷ(u, i) = e_uᵀ e_i with free user and item embeddings,
 * trained with the BPR loss (see `bpr.ts`). The collaborative-filtering baseline.
 */
import { initValues, type ModelContext, type PartConfig, partOptions, Rng, z } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { DotProductRecommender, type ScoringRows } from './dot-product';

/** The schema of {@link BprmfOptions}. */
export const BPRMF_OPTIONS = z
  .object({
    dim: z.number().int().min(1).describe('Embedding size. Default 64.'),
    l2: z.number().min(0).describe('L2 weight λ. Default 1e-5.'),
    seed: z.number().int().describe('Seed of the initialisation. Default 2025.'),
  })
  .strict();

/** Options of {@link BPRMF} (see {@link BPRMF_OPTIONS}). */
export type BprmfOptions = z.output<typeof BPRMF_OPTIONS>;

export const BPRMF_DEFAULTS: BprmfOptions = { dim: 64, l2: 1e-5, seed: 2025 };

let created = 0;

/** A Xavier-uniform embedding table variable. */
export function embeddingTable(rows: number, dim: number, rng: Rng, name: string): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor2d(initValues([rows, dim], 'xavierUniform', rng), [rows, dim]), true, `${name}_${created++}`));
}

/** The BPRMF recommender. */
export class BPRMF extends DotProductRecommender {
  readonly options: BprmfOptions;
  readonly userEmbeddings: tf.Variable;
  readonly itemEmbeddings: tf.Variable;

  constructor(
    readonly context: ModelContext,
    options: Partial<BprmfOptions> = {},
  ) {
    super();
    this.options = partOptions(BPRMF_OPTIONS, BPRMF_DEFAULTS, options, 'bprmf options');
    const rng = new Rng(this.options.seed);
    this.userEmbeddings = embeddingTable(context.numUsers, this.options.dim, rng, 'bprmf_users');
    this.itemEmbeddings = embeddingTable(context.numItems, this.options.dim, rng, 'bprmf_items');
  }

  get variables(): tf.Variable[] {
    return [this.userEmbeddings, this.itemEmbeddings];
  }

  protected get l2(): number {
    return this.options.l2;
  }

  protected rows(): ScoringRows {
    const table = (variable: tf.Variable) => (ids: tf.Tensor1D) => tf.gather(variable, ids) as tf.Tensor2D;
    return { users: table(this.userEmbeddings), items: table(this.itemEmbeddings), allItems: () => this.itemEmbeddings as tf.Tensor2D };
  }

  getConfig(): PartConfig {
    return { name: 'bprmf', options: { ...this.options } };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
