/**
 * Interfaces of kg4rec's swappable parts. Each package implements one and registers it by name;
 * configs name parts, and models compose them.
 */
import type * as tf from '@tensorflow/tfjs';

/** A batch of KG triples with a corrupted tail each, as int32 tensors of one length. */
export interface KgTripleBatch {
  heads: tf.Tensor1D;
  relations: tf.Tensor1D;
  tails: tf.Tensor1D;
  negativeTails: tf.Tensor1D;
}

/** A part's serialisable description: its registry name and its options. */
export interface PartConfig<O = Record<string, unknown>> {
  name: string;
  options: O;
}

/**
 * A knowledge-graph embedding model (TransR, TransE, …): entity and relation embeddings, a
 * plausibility distance g(h, r, t) (lower is more plausible) and a pairwise loss over corrupted
 * tails. Implemented in `@kg4rec/transr`.
 */
export interface KgEmbedding {
  /** Trainable variables, for optimisers and checkpoints. */
  readonly variables: tf.Variable[];
  /** The entity embedding table [numEntities, dim], shared with propagation layers. */
  readonly entityEmbeddings: tf.Variable;
  /** g(h, r, t) for each triple of the batch, [batch]. */
  score(heads: tf.Tensor1D, relations: tf.Tensor1D, tails: tf.Tensor1D): tf.Tensor1D;
  /** The batch's mean pairwise loss −ln σ(g(h, r, t′) − g(h, r, t)), plus its L2 term. */
  loss(batch: KgTripleBatch): tf.Scalar;
  getConfig(): PartConfig;
  dispose(): void;
}
