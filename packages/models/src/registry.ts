/**
 * The model registry: every recommender by name, with its option schema, its defaults and what
 * it needs from the data (the graph, content features), so that configs, the trainer and the
 * command line learn all of it from here. A plugin adds a model with `models.register(…)`.
 */
import {
  type ComponentSpec,
  type ContentKind,
  createRegistry,
  Kg4recError,
  type ModelContext,
  type PartConfig,
  type Recommender,
  type Registry,
  z,
} from '@kg4rec/core';
import { BPRMF, BPRMF_DEFAULTS, BPRMF_OPTIONS } from './bprmf';
import { CKE, CKE_DEFAULTS, CKE_OPTIONS } from './cke';
import { KGAT, KGAT_DEFAULTS, KGAT_OPTIONS } from './kgat';
import { MKGAT, MKGAT_DEFAULTS, MKGAT_OPTIONS } from './mkgat';
import { MULTI_KG4REC_DEFAULTS, MULTI_KG4REC_OPTIONS, MultiKG4Rec, type MultiKg4recOptions, multiKg4recNeeds } from './multi-kg4rec';

/** A model's options, as a config holds them. */
export type ModelOptions = Record<string, unknown>;

/** What a model reads beside the sizes: the collaborative KG, and which content. */
export interface ModelNeeds {
  graph: boolean;
  content: ContentKind[];
}

/** What a model spec says about itself beside its factory and options. */
export interface ModelMeta {
  /** What the model needs from the data, fixed or from its resolved options. */
  needs: ModelNeeds | ((options: ModelOptions) => ModelNeeds);
}

/** A registered model: `create(options, context)`, its defaults and schema, and {@link ModelMeta}. */
export type ModelSpec = ComponentSpec<Recommender, ModelOptions, ModelContext> & ModelMeta;

/** Registry of recommenders: `bprmf`, `cke`, `kgat`, `mkgat`, `multikg4rec`. Build one with {@link createModel}. */
export const models: Registry<Recommender, ModelOptions, ModelContext, ModelMeta> = createRegistry('model');

const GRAPH_ONLY: ModelNeeds = { graph: true, content: [] };

const BUILT_IN: ModelSpec[] = [
  {
    name: 'bprmf',
    description: 'BPR matrix factorisation',
    create: (options, context) => new BPRMF(context, options),
    defaults: BPRMF_DEFAULTS,
    schema: BPRMF_OPTIONS,
    needs: { graph: false, content: [] },
  },
  {
    name: 'cke',
    description: 'CKE: BPR with item vectors plus KG-embedding entity vectors',
    create: (options, context) => new CKE(context, options),
    defaults: CKE_DEFAULTS,
    schema: CKE_OPTIONS,
    needs: GRAPH_ONLY,
  },
  {
    name: 'kgat',
    description: 'KGAT: KG embedding + knowledge-aware attention propagation',
    create: (options, context) => new KGAT(context, options),
    defaults: KGAT_DEFAULTS,
    schema: KGAT_OPTIONS,
    needs: GRAPH_ONLY,
  },
  {
    name: 'mkgat',
    description: 'MKGAT-style (ours): image and text as KG entities inside KGAT attention, concatenation aggregator',
    create: (options, context) => new MKGAT(context, options),
    defaults: MKGAT_DEFAULTS,
    schema: MKGAT_OPTIONS,
    needs: { graph: true, content: ['visual', 'text'] },
  },
  {
    name: 'multikg4rec',
    description: 'Multi-KG4Rec: modality graphs, fusion of neighbour sequences, knowledge-aware propagation per modality',
    create: (options, context) => new MultiKG4Rec(context, options),
    defaults: MULTI_KG4REC_DEFAULTS,
    schema: MULTI_KG4REC_OPTIONS,
    needs: (options) => ({ graph: true, content: multiKg4recNeeds((options as MultiKg4recOptions).variant) }),
  },
];
/** The spec with a factory that names a missing context instead of failing inside the model. */
function withContextCheck(spec: ModelSpec): ModelSpec {
  return {
    ...spec,
    create: (options, context) => {
      if (!context) throw new Kg4recError('INVALID_CONFIG', 'a model needs the data it is built for: use createModel(config, context)');
      return spec.create(options, context);
    },
  };
}
for (const spec of BUILT_IN) models.register(withContextCheck(spec));

/** The fields of a model's option schema, by key (none when its schema is not a zod object). */
export function modelOptionFields(name: string): Record<string, z.ZodType> {
  const { schema } = models.get(name);
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** What the model of `config` needs from the data (its options validated against its schema). */
export function modelNeeds(config: string | PartConfig): ModelNeeds {
  const { name, options } = typeof config === 'string' ? { name: config, options: {} } : config;
  const { needs } = models.get(name);
  return typeof needs === 'function' ? needs(models.options(name, options)) : needs;
}

/** Builds a registered model for a data context, from a name or a saved `{ name, options }`. */
export function createModel(config: string | PartConfig, context: ModelContext): Recommender {
  const { name, options } = typeof config === 'string' ? { name: config, options: {} } : config;
  return models.create(name, options, context);
}
