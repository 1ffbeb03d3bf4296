/**
 * The schema of a run's configuration (camelCase keys), validated strictly so that an unknown or
 * mistyped key is named with the layer it came from. Model options are checked against the
 * chosen model's own schema (`@kg4rec/models`' registry) when the layers are resolved.
 */
import { BACKEND_NAMES, z } from '@kg4rec/core';
import { TRAIN_DEFAULTS } from '../engine/train';

const SPLITS = { ratio: 'random', given: 'given', loo: 'leave-one-out', temporal: 'temporal' } as const;

/** `model: kgat` is short for `model: { name: kgat }`: a model value with the shorthand expanded. */
export function expandModel(value: unknown): unknown {
  return typeof value === 'string' ? { name: value } : value;
}

const modelSchema = z.preprocess(
  expandModel,
  z.object({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }).strict(),
);

/** The schema of a run's configuration. */
export const trainConfigSchema = z
  .object({
    /** A preset name or a dataset folder. */
    dataset: z.string().min(1),
    /** The folder's format when it is not sniffed. */
    format: z.string().optional(),
    /** A registered model and its options (`kg4rec models <name>` lists them). */
    model: modelSchema,
    /** ratio (random 8:1:1 per user), given (the source's train/test), loo, temporal; default: given when the source has one. */
    split: z.enum(['ratio', 'given', 'loo', 'temporal']).optional(),
    /** For a given split: the share of each user's training rows held out for validation (0: none, as KGAT). */
    validRatio: z.number().min(0).max(0.9).default(0.1),
    /**
     * The share of items held out entirely as cold-start items: all their interactions go to test,
     * they keep their KG edges and content, and the test is also ranked among them alone (0: none).
     */
    coldItems: z.number().min(0).max(0.9).default(0),
    backend: z.enum(['auto', ...BACKEND_NAMES]).default('auto'),
    epochs: z.number().int().min(1),
    lr: z.number().positive(),
    cfBatchSize: z.number().int().min(1),
    kgBatchSize: z.number().int().min(1),
    evalEvery: z.number().int().min(0),
    patience: z.number().int().min(1),
    selectBy: z.string(),
    ks: z.array(z.number().int().min(1)).min(1),
    seed: z.number().int(),
    /** Modules that register parts (models, aggregators, …) before the config is resolved: absolute once resolved. */
    plugins: z.array(z.string().min(1)).default([]),
    /**
     * Modality features for multimodal models: the encoder (`auto`: `pretrained` where its models are
     * here, else `hash`; or any registered one, `clip` with `model`), the store, the neighbour sequences.
     */
    features: z
      .object({
        encoder: z.string().default('auto'),
        model: z.string().optional(),
        variant: z.string().optional(),
        root: z.string().optional(),
        sequenceLength: z.number().int().min(1).default(16),
        maxHops: z.number().int().min(0).max(254).default(3),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** A validated run configuration. */
export type TrainConfig = z.output<typeof trainConfigSchema>;

/** What a user writes: any part of a config (the rest comes from the defaults and shipped layers). */
export type TrainConfigInput = Partial<Omit<z.input<typeof trainConfigSchema>, 'model'>> & {
  model?: string | { name: string; options?: Record<string, unknown> };
};

/** The split kind `@kg4rec/kg` uses for a config's `split`. */
export function splitKind(split: TrainConfig['split']) {
  return split === undefined ? undefined : SPLITS[split];
}

/** The engine's training defaults as a config layer (the lowest, under `configs/defaults.yaml`). */
export function engineDefaults(): Record<string, unknown> {
  return { ...TRAIN_DEFAULTS };
}

/** Accepts each layer's keys and types, every key optional. */
export const layerSchema = trainConfigSchema.partial().extend({
  model: z
    .preprocess(
      expandModel,
      z
        .object({ name: z.string().min(1), options: z.record(z.string(), z.unknown()) })
        .partial()
        .strict(),
    )
    .optional(),
});
