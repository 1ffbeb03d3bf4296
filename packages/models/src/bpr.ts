/**
 * The BPR objective shared by every model (docs/method.md §5):
 *   L_CF = mean −ln σ(ŷ(u, i) − ŷ(u, j)) = mean softplus(ŷ(u, j) − ŷ(u, i)),
 * with ŷ(u, i) = e_uᵀ e_i, plus λ times KGAT's L2 term (mean ‖·‖²/2 of e_u, e_i, e_j).
 */
import * as tf from '@tensorflow/tfjs';

/** BPR loss and L2 from the batch's user, positive and negative rows [B, D]. */
export function bprLoss(users: tf.Tensor2D, positives: tf.Tensor2D, negatives: tf.Tensor2D, l2: number): tf.Scalar {
  return tf.tidy(() => {
    const score = (items: tf.Tensor2D) => tf.sum(tf.mul(users, items), 1);
    const cf = tf.mean(tf.softplus(tf.sub(score(negatives), score(positives))));
    const halfNorms = [users, positives, negatives].map((x) => tf.div(tf.mean(tf.sum(tf.square(x), 1)), 2));
    return tf.add(cf, tf.mul(l2, tf.addN(halfNorms))) as tf.Scalar;
  });
}

/** All-item scores for a batch of user rows: U [b, D] · Iᵀ → [b, numItems]. */
export function dotScores(users: tf.Tensor2D, items: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(users, items, false, true);
}

/**
 * Reads a score tensor into a row-major Float32Array (asynchronously: a GPU backend cannot read
 * synchronously) and disposes it. (Kept outside `tf.tidy`: a tidy that returns a large typed
 * array walks every element of it looking for tensors.)
 */
export async function readScores(scores: tf.Tensor2D): Promise<Float32Array> {
  try {
    return Float32Array.from((await scores.data()) as Float32Array);
  } finally {
    scores.dispose();
  }
}
