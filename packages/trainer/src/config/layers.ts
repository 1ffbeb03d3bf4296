/**
 * A run's configuration in layers (later over earlier): defaults (the engine's, then
 * `configs/defaults.yaml`) < the model's shipped layer < the dataset's shipped layer < a config
 * file (YAML or JSON) < values given in code or as command-line flags < `--set key=value`
 * (dotted paths, e.g. `--set model.options.dim=32`).
 * Each layer is validated on its own, so an error names the file or flag that brought the bad
 * key; plugins named in any layer are imported first, so that their parts can be named; the
 * model's options are checked against its registered schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kg4recError, mergeConfigLayers, parseConfig, z } from '@kg4rec/core';
import { models } from '@kg4rec/models';
import { LineCounter, parseDocument } from 'yaml';
import { loadPlugins } from '../plugins';
import { engineDefaults, expandModel, layerSchema, type TrainConfig, type TrainConfigInput, trainConfigSchema } from './schema';

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

/** One layer of a config and where it came from (for messages). */
interface Layer {
  source: string;
  values: unknown;
  /** The folder its relative plugin paths are relative to. */
  base: string;
}

/** A shipped layer `configs/<kind>/<name>.yaml`, when there is one. */
function shippedLayer(kind: 'model' | 'dataset', name: unknown): Layer | undefined {
  if (typeof name !== 'string') return undefined;
  const file = join(shippedConfigs(), kind, `${name}.yaml`);
  return existsSync(file) ? { source: file, values: normalized(readConfigFile(file)), base: dirname(file) } : undefined;
}

/** A layer's values with `model: <name>` written as `{ name }`, so that layers merge key by key. */
function normalized(values: unknown): unknown {
  const model = (values as { model?: unknown } | undefined)?.model;
  return typeof model === 'string' ? { ...(values as object), model: expandModel(model) } : values;
}

/** The plugins a layer names, as absolute paths (relative ones from the layer's own folder). */
function layerPlugins(layer: Layer): string[] {
  const plugins = (layer.values as { plugins?: unknown }).plugins;
  return Array.isArray(plugins) ? plugins.map((p) => resolve(layer.base, String(p))) : [];
}

/** The name of the model a config object names (`model: kgat` or `model: { name: kgat }`). */
function modelName(values: unknown): string | undefined {
  const model = (values as { model?: unknown }).model;
  if (typeof model === 'string') return model;
  const name = (model as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Checks a layer's `model.options` against the model's schema, every key optional, naming the layer. */
function checkModelOptions(layer: Layer, model: string): void {
  const options = (layer.values as { model?: { options?: unknown } }).model?.options;
  const schema = models.get(model).schema;
  if (options === undefined || !(schema instanceof z.ZodObject)) return;
  const wrapped = z.object({ model: z.object({ options: schema.partial() }) });
  parseConfig(wrapped, { model: { options } }, layer.source);
}

/** Where a config comes from: a file, values (in code or from flags), `--set` assignments, plugins. */
export interface ConfigSources {
  /** A YAML or JSON config file. */
  file?: string;
  /** Values over the file (a library caller's config, or the command line's flags). */
  values?: TrainConfigInput | Record<string, unknown>;
  /** `key=value` assignments over everything else. */
  sets?: readonly string[];
  /** Plugin modules to import first (relative paths from the current directory). */
  plugins?: readonly string[];
}

/**
 * Resolves a run's configuration: imports the plugins every layer names, layers built-in
 * defaults < model (`configs/model/<model>.yaml`) < dataset (`configs/dataset/<dataset>.yaml`)
 * < file < values < `--set`, and validates each layer (an error names the file or flag that
 * brought the bad key), the model's options (against its registered schema) and the result.
 */
export async function resolveTrainConfig(sources: ConfigSources = {}): Promise<TrainConfig> {
  const cwd = process.cwd();
  const user: Layer[] = [
    ...(sources.file
      ? [{ source: sources.file, values: normalized(readConfigFile(sources.file)), base: dirname(resolve(sources.file)) }]
      : []),
    { source: 'values', values: normalized(sources.values ?? {}), base: cwd },
    ...(sources.sets ?? []).map((assignment) => ({ source: `--set ${assignment}`, values: normalized(setLayer(assignment)), base: cwd })),
  ];
  for (const layer of user) parseConfig(layerSchema, layer.values, layer.source);
  const plugins = [...(sources.plugins ?? []).map((p) => resolve(cwd, p)), ...user.flatMap(layerPlugins)];
  await loadPlugins(plugins);
  const file = join(shippedConfigs(), 'defaults.yaml');
  const defaults: Layer = { source: file, values: mergeConfigLayers(engineDefaults(), normalized(readConfigFile(file))), base: cwd };
  const chosen = mergeConfigLayers(defaults.values, ...user.map((layer) => layer.values));
  const shipped = [shippedLayer('model', modelName(chosen)), shippedLayer('dataset', chosen.dataset)].filter(
    (layer): layer is Layer => layer !== undefined,
  );
  for (const layer of shipped) parseConfig(layerSchema, layer.values, layer.source);
  const layers = [defaults, ...shipped, ...user];
  const merged = mergeConfigLayers(...layers.map((layer) => layer.values), { plugins: [...new Set(plugins)] });
  const config = parseConfig(trainConfigSchema, merged, 'the merged config');
  for (const layer of layers)
    if (modelName(layer.values) === undefined || modelName(layer.values) === config.model.name) checkModelOptions(layer, config.model.name);
  models.options(config.model.name, config.model.options);
  return config;
}

/**
 * The config a run saved (`<dir>/config.json`), validated, its plugins imported; `backend`
 * overrides its backend.
 */
export async function savedRunConfig(dir: string, backend?: unknown): Promise<TrainConfig> {
  const file = join(dir, 'config.json');
  const saved = readConfigFile(file);
  await loadPlugins(((saved as { plugins?: unknown }).plugins as string[] | undefined) ?? []);
  return parseConfig(trainConfigSchema, mergeConfigLayers(saved, backend === undefined ? {} : { backend }), file);
}
