/**
 * Plugins: modules of a user's own that register parts (models, aggregators, attentions, KG
 * embeddings, fusion blocks, metrics, encoders) before a config names them. A plugin either
 * registers on import, or default-exports a function that receives the registries:
 *
 *   export default function register({ aggregators, models }: Kg4recRegistries) { … }
 *
 * Each module is imported once per process, however many configs name it.
 */
import { pathToFileURL } from 'node:url';
import { Kg4recError } from '@kg4rec/core';
import { fusionBlocks } from '@kg4rec/crossmodal';
import { imageEncoders, textEncoders } from '@kg4rec/encoders';
import { aggregators, attentions } from '@kg4rec/gnn';
import { metrics } from '@kg4rec/metrics';
import { models } from '@kg4rec/models';
import { kgEmbeddings } from '@kg4rec/transr';

/** Every registry a plugin can add to. */
export const registries = { models, aggregators, attentions, kgEmbeddings, fusionBlocks, metrics, textEncoders, imageEncoders };

/** What a plugin's default-exported function receives. */
export type Kg4recRegistries = typeof registries;

const loaded = new Set<string>();

/** Imports one plugin module (an absolute path) and runs its default export, if it is a function. */
async function loadPlugin(path: string): Promise<void> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Kg4recError('IO_ERROR', `plugin ${path}: cannot import it (${reason})`, { cause });
  }
  if (typeof module.default === 'function') await (module.default as (r: Kg4recRegistries) => unknown)(registries);
}

/** Imports each plugin (absolute paths) that this process has not imported yet, in order. */
export async function loadPlugins(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    if (loaded.has(path)) continue;
    await loadPlugin(path);
    loaded.add(path);
  }
}
