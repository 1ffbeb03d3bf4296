/**
 * BPRMF (Rendle et al., UAI 2009): ŷ(u, i) = e_uᵀ e_i with free user and item embeddings,
 * trained with the BPR loss (see `bpr.ts`). The collaborative-filtering baseline.
 */
import { initValues, type PartConfig, Rng } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import type { ModelContext } from './context';
import { DotProductRecommender, type ScoringRows } from './dot-product';

/** Options of {@link BPRMF}. */
export interface BprmfOptions {
  /** Embedding size. Default 64. */
  dim: number;
  /** L2 weight λ. Default 1e-5. */
  l2: number;
  seed: number;
}

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
    this.options = { ...BPRMF_DEFAULTS, ...options };
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
