import { createRegistry, Kg4recError, type PartConfig, type Recommender, type Registry } from '@kg4rec/core';
import { BPRMF, BPRMF_DEFAULTS } from './bprmf';
import { CKE, CKE_DEFAULTS } from './cke';
import type { ModelContext } from './context';
import { KGAT, KGAT_DEFAULTS } from './kgat';
import { MKGAT, MKGAT_DEFAULTS } from './mkgat';
import { MULTI_KG4REC_DEFAULTS, MultiKG4Rec } from './multi-kg4rec';

/** A model's options: its own, plus the context it is built for. */
export type ModelOptions = Record<string, unknown> & { context?: ModelContext };

function withContext<O>(options: ModelOptions, build: (context: ModelContext, own: Partial<O>) => Recommender): Recommender {
  const { context, ...own } = options;
  if (!context) throw new Kg4recError('INVALID_CONFIG', 'a model needs the data it is built for: use createModel(config, context)');
  return build(context, own as Partial<O>);
}

/** Registry of recommenders: `bprmf`, `cke`, `kgat`, `mkgat`, `multikg4rec`. Build one with {@link createModel}. */
export const models: Registry<Recommender, ModelOptions> = createRegistry('model');

const BUILT_IN: Array<[string, string, (context: ModelContext, own: Record<string, unknown>) => Recommender, object]> = [
  ['bprmf', 'BPR matrix factorisation', (c, own) => new BPRMF(c, own), BPRMF_DEFAULTS],
  ['cke', 'CKE: BPR with item vectors plus TransR entity embeddings', (c, own) => new CKE(c, own), CKE_DEFAULTS],
  ['kgat', 'KGAT: TransR + knowledge-aware attention propagation', (c, own) => new KGAT(c, own), KGAT_DEFAULTS],
  [
    'mkgat',
    'MKGAT-style (ours): image and text as KG entities inside KGAT attention, concatenation aggregator',
    (c, own) => new MKGAT(c, own),
    MKGAT_DEFAULTS,
  ],
  [
    'multikg4rec',
    'Multi-KG4Rec: modality graphs, Bi-Transformer fusion of neighbour sequences, knowledge-aware propagation per modality',
    (c, own) => new MultiKG4Rec(c, own),
    MULTI_KG4REC_DEFAULTS,
  ],
];
for (const [name, description, build, defaults] of BUILT_IN) {
  models.register({ name, description, create: (o) => withContext(o, build), defaults: { ...defaults } });
}

/** Builds a registered model for a data context, from a name or a saved `{ name, options }`. */
export function createModel(config: string | PartConfig, context: ModelContext): Recommender {
  const { name, options } = typeof config === 'string' ? { name: config, options: {} } : config;
  return models.create(name, { ...options, context });
}
