import { initValues, Rng, z } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

const size = z.number().int().min(1);

/** The schema of {@link TranslationalOptions}: unknown keys and out-of-range values are errors. */
export const TRANSLATIONAL_OPTIONS = z
  .object({
    numEntities: size.describe('Entities (CKG nodes); a model sets it from its graph.'),
    numRelations: size.describe('Relations; a model sets it from its graph.'),
    entityDim: size.describe('Entity embedding size d. Default 64 (docs/method.md §1).'),
    relationDim: size.describe('Relation embedding size k. Default 64 (docs/method.md §2); TransE uses entityDim.'),
    l2: z.number().min(0).describe('Weight λ of the L2 term on the embeddings a batch uses. Default 1e-5.'),
    seed: z.number().int().describe('Seed of the Xavier initialisation. Default 2025.'),
  })
  .strict();

/** Options shared by the translational KG embeddings (see {@link TRANSLATIONAL_OPTIONS}). */
export type TranslationalOptions = z.output<typeof TRANSLATIONAL_OPTIONS>;

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
