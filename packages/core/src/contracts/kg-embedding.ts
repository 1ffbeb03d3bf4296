/**
 * A knowledge-graph embedding (TransR, TransE, …): what the KG loss trains and what the
 * knowledge-aware attention reads. Implemented in `@kg4rec/transr`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { KgTripleBatch } from './batches';
import type { PartConfig } from './part-config';

/**
 * The relation space attention works in: each relation's embedding e_r and the map W_r that
 * takes entity rows into that relation's space (the identity for TransE).
 */
export interface RelationSpace {
  /** e_r of every relation, [numRelations, k]. */
  readonly relationEmbeddings: tf.Tensor2D | tf.Variable;
  /** Entity rows seen by `relation`: W_r e for each row, [n, d] → [n, k]. */
  project(rows: tf.Tensor2D, relation: number): tf.Tensor2D;
}

/**
 * Entity and relation embeddings, a plausibility distance g(h, r, t) (lower is more plausible)
 * and a pairwise loss over corrupted tails. Created from options that hold at least
 * `numEntities`, `numRelations` and `entityDim` (a model sets them from its graph).
 */
export interface KgEmbedding extends RelationSpace {
  /** Trainable variables, for optimisers and checkpoints. */
  readonly variables: tf.Variable[];
  /** The entity embedding table [numEntities, entityDim], shared with propagation layers. */
  readonly entityEmbeddings: tf.Variable;
  /** g(h, r, t) for each triple of the batch, [batch]. */
  score(heads: tf.Tensor1D, relations: tf.Tensor1D, tails: tf.Tensor1D): tf.Tensor1D;
  /**
   * The batch's mean pairwise loss −ln σ(g(h, r, t′) − g(h, r, t)), plus its L2 term. `entities`
   * replaces the entity table (same width, any number of rows): a model whose entities are
   * partly computed scores its triples with the table it built, and the gradient reaches it.
   */
  loss(batch: KgTripleBatch, entities?: tf.Tensor2D): tf.Scalar;
  getConfig(): PartConfig;
  dispose(): void;
}
