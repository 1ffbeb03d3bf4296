/**
 * Interfaces of kg4rec's swappable parts. Each package implements one and registers it by name;
 * configs name parts, and models compose them.
 */
import type * as tf from '@tensorflow/tfjs';
import type { RngState } from './random';

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

/**
 * A recommender (RecBole's split: data → model → evaluator → trainer): losses for the trainer,
 * full-ranking scores for the evaluator, and a config that recreates it. Implemented in
 * `@kg4rec/models`.
 */
export interface Recommender {
  readonly variables: tf.Variable[];
  /** The CF (BPR) loss of a batch, with its L2 term. */
  calculateLoss(batch: CfTripleBatch): tf.Scalar;
  /** The KG loss of a batch, for models that embed the KG (CKE, KGAT). */
  kgLoss?(batch: KgTripleBatch): tf.Scalar;
  /**
   * Recomputes what the model derives from its parameters without gradients (KGAT: the attention
   * π). The engine calls it after each epoch's steps, after restoring weights, and before
   * evaluating; a new model starts from its own initial state (KGAT: Σ_r D_r⁻¹A_r).
   */
  refresh?(): void;
  /** States of the model's own generators (dropout), for checkpoints; absent when it has none. */
  randomState?(): RngState[];
  /** Restores {@link Recommender.randomState}'s states when resuming. */
  setRandomState?(states: RngState[]): void;
  /**
   * Scores of every item for each user, row-major [users.length × numItems]. Asynchronous: a GPU
   * backend's tensors are read back without blocking.
   */
  fullSortScores(users: Int32Array): Promise<Float32Array>;
  getConfig(): PartConfig;
  dispose(): void;
}
