/** The batches the training engine hands to a model's losses. */
import type * as tf from '@tensorflow/tfjs';

/** A batch of KG triples with a corrupted tail each, as int32 tensors of one length. */
export interface KgTripleBatch {
  heads: tf.Tensor1D;
  relations: tf.Tensor1D;
  tails: tf.Tensor1D;
  negativeTails: tf.Tensor1D;
}

/** A BPR batch as int32 tensors: `users[k]` prefers `positives[k]` over `negatives[k]`. */
export interface CfTripleBatch {
  users: tf.Tensor1D;
  positives: tf.Tensor1D;
  negatives: tf.Tensor1D;
  /**
   * The same ids on the host, when the caller has them (kg4rec's trainer always does). A model
   * that needs ids on the host reads these: a GPU backend cannot read its tensors synchronously.
   */
  ids?: { users: Int32Array; positives: Int32Array; negatives: Int32Array };
}
