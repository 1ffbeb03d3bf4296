/**
 * @kg4rec/transr: knowledge-graph embeddings behind core's `KgEmbedding` interface: TransR
 * (docs/method.md §2) and TransE, with the pairwise loss −ln σ(g(h, r, t′) − g(h, r, t)).
 */
import { createRegistry, type KgEmbedding, type Registry } from '@kg4rec/core';
import { TRANSLATIONAL_DEFAULTS, TRANSLATIONAL_OPTIONS, type TranslationalOptions } from './embedding-options';
import { TransE } from './transe';
import { TransR } from './transr';

export { meanHalfSquaredNorms, pairwiseKgLoss, translationDistance, transRDistance } from './distance';
export { TRANSLATIONAL_DEFAULTS, TRANSLATIONAL_OPTIONS, type TranslationalOptions } from './embedding-options';
export { TransE } from './transe';
export { TransR } from './transr';

/**
 * Options every KG embedding is created with (a model sets them from its graph and settings),
 * plus whatever the embedding itself takes.
 */
export type KgEmbeddingOptions = TranslationalOptions & Record<string, unknown>;

/**
 * Registry of KG embeddings: `transr`, `transe`. Create with the graph's sizes:
 * `kgEmbeddings.create('transr', { numEntities, numRelations })`.
 */
export const kgEmbeddings: Registry<KgEmbedding, KgEmbeddingOptions> = createRegistry('KG embedding');
kgEmbeddings.register({
  name: 'transr',
  description: 'TransR: ‖W_r e_h + e_r − W_r e_t‖²',
  create: (o) => new TransR(o),
  defaults: TRANSLATIONAL_DEFAULTS,
  schema: TRANSLATIONAL_OPTIONS,
});
kgEmbeddings.register({
  name: 'transe',
  description: 'TransE: ‖e_h + e_r − e_t‖²',
  create: (o) => new TransE(o),
  defaults: TRANSLATIONAL_DEFAULTS,
  schema: TRANSLATIONAL_OPTIONS,
});
