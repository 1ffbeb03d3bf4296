/**
 * The `kg4rec train` configuration: defaults < config file (JSON) < command-line flags and
 * `--set key=value` (dotted paths, e.g. `--set model.options.dim=32`), validated with a strict
 * schema so that an unknown or mistyped key is named in the error.
 */
import { readFileSync } from 'node:fs';
import { Kg4recError, mergeConfigLayers, parseConfig, z } from '@kg4rec/core';
import { TRAIN_DEFAULTS } from '../engine/train';

const SPLITS = { ratio: 'random', given: 'given', loo: 'leave-one-out', temporal: 'temporal' } as const;

/** The schema of a run's configuration (camelCase keys). */
export const trainConfigSchema = z
  .object({
    dataset: z.string().min(1),
    format: z.string().optional(),
    model: z.object({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }).strict(),
    /** ratio (random 8:1:1 per user), given (the source's train/test), loo, temporal; default: given when the source has one. */
    split: z.enum(['ratio', 'given', 'loo', 'temporal']).optional(),
    /** For a given split: the share of each user's training rows held out for validation (0: none, as KGAT). */
    validRatio: z.number().min(0).max(0.9).default(0.1),
    backend: z.enum(['auto', 'cpu', 'wasm', 'webgpu', 'tensorflow']).default('auto'),
    epochs: z.number().int().min(1),
    lr: z.number().positive(),
    cfBatchSize: z.number().int().min(1),
    kgBatchSize: z.number().int().min(1),
    evalEvery: z.number().int().min(0),
    patience: z.number().int().min(1),
    selectBy: z.string(),
    ks: z.array(z.number().int().min(1)).min(1),
    seed: z.number().int(),
  })
  .strict();

/** A validated run configuration. */
export type TrainConfig = z.output<typeof trainConfigSchema>;

/** The split kind `@kg4rec/kg` uses for a config's `split`. */
export function splitKind(split: TrainConfig['split']) {
  return split === undefined ? undefined : SPLITS[split];
}

/** Parses a `--set` value: a number, boolean, null, JSON array/object, or else the string itself. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `a.b.c=value` → { a: { b: { c: value } } }. */
function setLayer(assignment: string): Record<string, unknown> {
  const at = assignment.indexOf('=');
  if (at <= 0) throw new Kg4recError('INVALID_CONFIG', `--set: expected key=value, got '${assignment}'`);
  const path = assignment.slice(0, at).split('.');
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), parseValue(assignment.slice(at + 1))) as Record<string, unknown>;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${file}: cannot read the config file`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected a JSON object (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
  }
}

/** Layers defaults < file < flags < `--set`, validates, and returns the run's config. */
export function resolveTrainConfig(file: string | undefined, flags: Record<string, unknown>, sets: string[]): TrainConfig {
  const { ks, ...training } = TRAIN_DEFAULTS;
  const defaults = { ...training, ks, backend: 'auto', model: { name: 'bprmf', options: {} } };
  const layers = [defaults, file ? readConfigFile(file) : undefined, flags, ...sets.map(setLayer)];
  return parseConfig(trainConfigSchema, mergeConfigLayers(...layers), file ?? 'flags');
}
