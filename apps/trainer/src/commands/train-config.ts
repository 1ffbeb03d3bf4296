/**
 * The `kg4rec train` configuration, in layers (later over earlier): built-in defaults < the
 * model's shipped layer < the dataset's shipped layer < a config file (YAML or JSON) < command-line
 * flags < `--set key=value` (dotted paths, e.g. `--set model.options.dim=32`), validated with a
 * strict schema so that an unknown or mistyped key is named in the error with the layer it came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kg4recError, mergeConfigLayers, parseConfig, z } from '@kg4rec/core';
import { LineCounter, parseDocument } from 'yaml';
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
    /** Modality features for multimodal models: the encoder (`hash` or `clip` with `model`), the store, the neighbour sequences. */
    features: z
      .object({
        encoder: z.string().default('hash'),
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

/** Reads a config file: YAML (`.yaml`, `.yml`) or JSON, with errors naming the file, line and column. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${file}: cannot read the config file`, { cause });
  }
  if (/\.ya?ml$/i.test(file)) return parseYaml(file, text);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected a JSON object (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
  }
}

function parseYaml(file: string, text: string): unknown {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  const [error] = document.errors;
  if (error) {
    const at = lines.linePos(error.pos[0]);
    const where = `${file}:${at.line}:${at.col}`;
    throw new Kg4recError('PARSE_ERROR', `${where}: invalid YAML (${error.message.split('\n')[0]})`, { cause: error });
  }
  return document.toJS() ?? {};
}

/** The folder of the config layers shipped with the trainer (`configs/`), from src or dist. */
export function shippedConfigs(): string {
  for (const up of ['../configs', '../../configs']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'model'))) return dir;
  }
  throw new Kg4recError('IO_ERROR', `cannot find the trainer's configs/ folder next to ${fileURLToPath(import.meta.url)}`);
}

/** A shipped layer `configs/<kind>/<name>.yaml`, when there is one. */
function shippedLayer(kind: 'model' | 'dataset', name: unknown): Layer | undefined {
  if (typeof name !== 'string') return undefined;
  const file = join(shippedConfigs(), kind, `${name}.yaml`);
  return existsSync(file) ? { source: file, values: readConfigFile(file) } : undefined;
}

interface Layer {
  source: string;
  values: unknown;
}

const layerSchema = trainConfigSchema.partial().extend({ model: trainConfigSchema.shape.model.partial().optional() });

/**
 * Layers built-in defaults < model (`configs/model/<model>.yaml`) < dataset
 * (`configs/dataset/<dataset>.yaml`) < `file` (YAML or JSON) < flags < `--set`, validates each
 * layer (so an error names the file or flag that brought the bad key) and the result.
 */
export function resolveTrainConfig(file: string | undefined, flags: Record<string, unknown>, sets: string[]): TrainConfig {
  const { ks, ...training } = TRAIN_DEFAULTS;
  const defaults: Layer = { source: 'defaults', values: { ...training, ks, backend: 'auto', model: { name: 'bprmf', options: {} } } };
  const user: Layer[] = [
    ...(file ? [{ source: file, values: readConfigFile(file) }] : []),
    { source: 'flags', values: flags },
    ...sets.map((assignment) => ({ source: `--set ${assignment}`, values: setLayer(assignment) })),
  ];
  for (const layer of user) parseConfig(layerSchema, layer.values, layer.source);
  const chosen = mergeConfigLayers(defaults.values, ...user.map((layer) => layer.values));
  const shipped = [shippedLayer('model', (chosen.model as { name?: unknown })?.name), shippedLayer('dataset', chosen.dataset)];
  const layers = [defaults, ...shipped.filter((layer): layer is Layer => layer !== undefined), ...user];
  for (const layer of shipped) if (layer) parseConfig(layerSchema, layer.values, layer.source);
  return parseConfig(trainConfigSchema, mergeConfigLayers(...layers.map((layer) => layer.values)), 'the merged config');
}

/** The config a run saved (`<dir>/config.json`), validated; `backend` overrides its backend. */
export function savedRunConfig(dir: string, backend?: unknown): TrainConfig {
  const file = join(dir, 'config.json');
  const saved = readConfigFile(file);
  return parseConfig(trainConfigSchema, mergeConfigLayers(saved, backend === undefined ? {} : { backend }), file);
}
