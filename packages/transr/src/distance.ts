/**
 * Translational plausibility distances on gathered rows (lower is more plausible), as pure
 * tensor functions so that they can be tested and reused:
 * - TransR (docs/method.md §2): g(h, r, t) = ‖W_r e_h + e_r − W_r e_t‖²₂, with e_h, e_t ∈ R^d, e_r ∈ R^k
 *   and W_r ∈ R^{k×d}; here rows are row vectors, so W_r e_h is `e_h · W` with W stored [d, k].
 * - TransE: g(h, r, t) = ‖e_h + e_r − e_t‖²₂ (squared L2, as KGAT's code uses for TransR):
 *   `translationDistance`.
 */
import * as tf from '@tensorflow/tfjs';

/** ‖h + r − t‖² per row: TransE's g, and TransR's on projected rows. All inputs [B, n] → [B]. */
export function translationDistance(heads: tf.Tensor2D, relations: tf.Tensor2D, tails: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.add(heads, relations), tails)), 1) as tf.Tensor1D);
}

/** TransR distance for a batch: `heads`, `tails` [B, d]; `relations` [B, k]; `projections` [B, d, k] → [B]. */
export function transRDistance(heads: tf.Tensor2D, relations: tf.Tensor2D, tails: tf.Tensor2D, projections: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const project = (rows: tf.Tensor2D) => tf.squeeze(tf.matMul(tf.expandDims(rows, 1), projections), [1]) as tf.Tensor2D;
    return translationDistance(project(heads), relations, project(tails));
  });
}

/**
 * The pairwise KG loss of docs/method.md §2, averaged over the batch:
 * mean(−ln σ(g(h, r, t′) − g(h, r, t))) = mean(softplus(g(h, r, t) − g(h, r, t′))).
 * (Written with softplus: `tf.logSigmoid` breaks inside `tf.variableGrads`.)
 */
export function pairwiseKgLoss(positive: tf.Tensor1D, negative: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.sub(positive, negative))) as tf.Scalar);
}

/** KGAT's L2 term: the mean over the batch of ‖x‖² / 2, summed over the given row tensors. */
export function meanHalfSquaredNorms(rows: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.addN(rows.map((x) => tf.div(tf.mean(tf.sum(tf.square(x), -1)), 2))) as tf.Scalar);
}
