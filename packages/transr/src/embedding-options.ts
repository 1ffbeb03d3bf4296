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
 * A trainable variable of `count` Xavier-uniform matrices of `fans` = [fanIn, fanOut], stacked
 * ([fanIn, fanOut] itself when `count` is undefined). Names are unique per process.
 */
export function xavierVariable(fans: [number, number], rng: Rng, name: string, count?: number): tf.Variable {
  const matrices = Array.from({ length: count ?? 1 }, () => initValues(fans, 'xavierUniform', rng));
  const values = new Float32Array(matrices.reduce((n, m) => n + m.length, 0));
  matrices.forEach((m, i) => {
    values.set(m, i * m.length);
  });
  const shape = count === undefined ? fans : [count, ...fans];
  return tf.tidy(() => tf.variable(tf.tensor(values, shape), true, `${name}_${created++}`));
}

/** A seeded generator for a model's initialisers. */
export function initRng(seed: number): Rng {
  return new Rng(seed);
}
