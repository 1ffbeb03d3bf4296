import { initValues, Rng } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** Options shared by the translational KG embeddings. */
export interface TranslationalOptions {
  numEntities: number;
  numRelations: number;
  /** Entity embedding size d. Default 64 (method.md §1). */
  entityDim: number;
  /** Relation embedding size k. Default 64 (method.md §2); TransE uses `entityDim`. */
  relationDim: number;
  /** Weight λ of the L2 term on the embeddings a batch uses. Default 1e-5. */
  l2: number;
  /** Seed of the Xavier initialisation. Default 2025. */
  seed: number;
}

/** Defaults; `numEntities` and `numRelations` must be given. */
export const TRANSLATIONAL_DEFAULTS: TranslationalOptions = {
  numEntities: 0,
  numRelations: 0,
  entityDim: 64,
  relationDim: 64,
  l2: 1e-5,
  seed: 2025,
};

let created = 0;

/**
 * A trainable Xavier-uniform variable of `shape` (core's `initValues`, PyTorch's fans: a stack
 * [R, d, k] of projections is initialised as one tensor, as KGAT's code does). Names are unique
 * per process.
 */
export function xavierVariable(shape: number[], rng: Rng, name: string): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(initValues(shape, 'xavierUniform', rng), shape), true, `${name}_${created++}`));
}

/** A seeded generator for a model's initialisers. */
export function initRng(seed: number): Rng {
  return new Rng(seed);
}
