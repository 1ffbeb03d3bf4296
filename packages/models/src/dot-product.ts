/**
 * The shared half of every model here: ŷ(u, i) = e_uᵀ e_i over rows the model provides, trained
 * with BPR (see `bpr.ts`) and scored for every item in full ranking. A model supplies its rows
 * once per call (KGAT propagates over the whole graph to get them) and its own parameters.
 */
import type { CfTripleBatch, PartConfig, Recommender } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { bprLoss, dotScores, readScores } from './bpr';

/** The user and item vectors a model scores with, for one call. */
export interface ScoringRows {
  users(ids: tf.Tensor1D): tf.Tensor2D;
  items(ids: tf.Tensor1D): tf.Tensor2D;
  /** Every item's vector, in item order [numItems, D]. */
  allItems(): tf.Tensor2D;
}

/** A recommender scoring by dot product: subclasses provide `rows`, parameters and config. */
export abstract class DotProductRecommender implements Recommender {
  abstract readonly variables: tf.Variable[];
  /** The L2 weight λ of the BPR loss. */
  protected abstract readonly l2: number;
  /** The rows to score with; `training` enables dropout and per-batch work. Called inside a tidy. */
  protected abstract rows(training: boolean): ScoringRows;
  abstract getConfig(): PartConfig;
  abstract dispose(): void;

  calculateLoss(batch: CfTripleBatch): tf.Scalar {
    return tf.tidy(() => {
      const rows = this.rows(true);
      return bprLoss(rows.users(batch.users), rows.items(batch.positives), rows.items(batch.negatives), this.l2);
    });
  }

  fullSortScores(users: Int32Array): Promise<Float32Array> {
    return readScores(
      tf.tidy(() => {
        const rows = this.rows(false);
        return dotScores(rows.users(tf.tensor1d(users, 'int32')), rows.allItems());
      }),
    );
  }
}
