import { createRegistry, Kg4recError, type PartConfig, type Recommender, type Registry } from '@kg4rec/core';
import { BPRMF, BPRMF_DEFAULTS } from './bprmf';
import type { ModelContext } from './context';
import { KGAT, KGAT_DEFAULTS } from './kgat';

/** A model's options: its own, plus the context it is built for. */
export type ModelOptions = Record<string, unknown> & { context?: ModelContext };

function withContext<O>(options: ModelOptions, build: (context: ModelContext, own: Partial<O>) => Recommender): Recommender {
  const { context, ...own } = options;
  if (!context) throw new Kg4recError('INVALID_CONFIG', 'a model needs the data it is built for: use createModel(config, context)');
  return build(context, own as Partial<O>);
}

/** Registry of recommenders: `bprmf`, `kgat`. Build one with {@link createModel}. */
export const models: Registry<Recommender, ModelOptions> = createRegistry('model');
models.register({
  name: 'bprmf',
  description: 'BPR matrix factorisation',
  create: (o) => withContext(o, (c, own) => new BPRMF(c, own)),
  defaults: { ...BPRMF_DEFAULTS },
});
models.register({
  name: 'kgat',
  description: 'KGAT: TransR + knowledge-aware attention propagation',
  create: (o) => withContext(o, (c, own) => new KGAT(c, own)),
  defaults: { ...KGAT_DEFAULTS },
});

/** Builds a registered model for a data context, from a name or a saved `{ name, options }`. */
export function createModel(config: string | PartConfig, context: ModelContext): Recommender {
  const { name, options } = typeof config === 'string' ? { name: config, options: {} } : config;
  return models.create(name, { ...options, context });
}
