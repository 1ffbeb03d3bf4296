/**
 * A recommender (RecBole's split: data → model → evaluator → trainer): losses for the trainer,
 * full-ranking scores for the evaluator, a config that recreates it, and, where the model has
 * them, explanations. Implemented in `@kg4rec/models`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { RngState } from '../random';
import type { CfTripleBatch, KgTripleBatch } from './batches';
import type { PartConfig } from './part-config';

/** One edge into a node with its attention weight. */
export interface AttendedNeighbour {
  /** The neighbour (tail) node. */
  node: number;
  /** The CKG relation of the edge. */
  relation: number;
  /** π of the edge. */
  weight: number;
}

/** One modality's part of a batch of scores (`scores[k]` for the k-th (user, item) pair). */
export interface ModalityScores {
  modality: string;
  scores: Float32Array;
}

/**
 * Items added after training, known by their content alone: per modality, one feature row per
 * item, row-major `[count × dim]`, from the encoder (and width) the model was trained with.
 */
export interface NewItems {
  count: number;
  visual?: Float32Array;
  text?: Float32Array;
}

/** Scores of {@link NewItems} for some users, row-major `[users × count]`, and their split by modality. */
export interface NewItemScores {
  scores: Float32Array;
  /** Each modality's part (they sum to `scores`), for models whose score is a sum over modalities. */
  parts?: ModalityScores[];
}

/** A trainable, scorable recommender. */
export interface Recommender {
  readonly variables: tf.Variable[];
  /** The CF (BPR) loss of a batch, with its L2 term. */
  calculateLoss(batch: CfTripleBatch): tf.Scalar;
  /** The KG loss of a batch, for models that embed the KG (CKE, KGAT). */
  kgLoss?(batch: KgTripleBatch): tf.Scalar;
  /**
   * Recomputes what the model derives from its parameters without gradients (KGAT: the attention
   * π). The engine calls it after each epoch's steps, after restoring weights, and before
   * evaluating; a new model starts from its own initial state.
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
  /**
   * The exact split of ŷ(u, i) by modality, for models whose score is a sum over modalities:
   * the parts sum to the {@link Recommender.fullSortScores} score of each pair.
   */
  modalityScores?(users: Int32Array, items: Int32Array): Promise<ModalityScores[]>;
  /**
   * Scores of items the model was not trained with, from their content alone (no ID row, no
   * edges), for models whose item representation comes from content; ID-only models lack it.
   */
  scoreNewItems?(users: Int32Array, items: NewItems): Promise<NewItemScores>;
  /** The `k` CKG neighbours of `node` with the most attention π, for models with attention. */
  attendedNeighbours?(node: number, k?: number): Promise<AttendedNeighbour[]>;
  /** Attention π on a node's own image and text entities, for models that have such entities. */
  modalAttention?(node: number): Promise<{ modality: string; weight: number }[]>;
  getConfig(): PartConfig;
  dispose(): void;
}
