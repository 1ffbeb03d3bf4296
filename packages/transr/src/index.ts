/**
 * @kg4rec/transr: knowledge-graph embeddings behind core's `KgEmbedding` interface: TransR
 * (method.md §2) and TransE, with the pairwise loss −ln σ(g(h, r, t′) − g(h, r, t)).
 */
import { createRegistry, type KgEmbedding, type Registry } from '@kg4rec/core';
import { TRANSLATIONAL_DEFAULTS, type TranslationalOptions } from './embedding-options';
import { TransE } from './transe';
import { TransR } from './transr';

export { meanHalfSquaredNorms, pairwiseKgLoss, translationDistance, transRDistance } from './distance';
export { TRANSLATIONAL_DEFAULTS, type TranslationalOptions } from './embedding-options';
export { TransE } from './transe';
export { TransR } from './transr';

/**
 * Registry of KG embeddings: `transr`, `transe`. Create with the graph's sizes:
 * `kgEmbeddings.create('transr', { numEntities, numRelations })`.
 */
export const kgEmbeddings: Registry<KgEmbedding, TranslationalOptions> = createRegistry('KG embedding');
kgEmbeddings.register({
  name: 'transr',
  description: 'TransR: ‖W_r e_h + e_r − W_r e_t‖²',
  create: (o) => new TransR(o),
  defaults: TRANSLATIONAL_DEFAULTS,
});
kgEmbeddings.register({
  name: 'transe',
  description: 'TransE: ‖e_h + e_r − e_t‖²',
  create: (o) => new TransE(o),
  defaults: TRANSLATIONAL_DEFAULTS,
});
