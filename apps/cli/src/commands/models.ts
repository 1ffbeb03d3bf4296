/**
 * `kg4rec models [<name>]`: the registered models (with what each needs from the data) and the
 * parts that fill their slots; with a name, that model's options: key, default and meaning, read
 * from its schema. `--plugin` imports modules that register more first.
 */
import { resolve } from 'node:path';
import { modelNeeds, modelOptionFields, models } from '@kg4rec/models';
import { loadPlugins, registries } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';

/** The registries of parts models hold, as listed. */
const PARTS = [
  ['kgEmbedding', registries.kgEmbeddings],
  ['attention', registries.attentions],
  ['aggregator', registries.aggregators],
  ['fusion', registries.fusionBlocks],
  ['metrics', registries.metrics],
] as const;

function listModels(io: Output): void {
  io.out('| model | needs | description |');
  io.out('|---|---|---|');
  for (const name of models.list()) {
    const needs = modelNeeds(name);
    const what = [...(needs.graph ? ['graph'] : []), ...needs.content].join(', ') || 'interactions';
    io.out(`| ${name} | ${what} | ${models.get(name).description ?? ''} |`);
  }
  io.out('');
  for (const [slot, registry] of PARTS) io.out(`${slot} (${registry.kind}): ${registry.list().join(', ')}`);
}

/** A default value as a config would write it. */
const shown = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

function describeModel(name: string, io: Output): void {
  const spec = models.get(name);
  io.out(`${name}: ${spec.description ?? ''}`);
  io.out('');
  io.out('| option | default | meaning |');
  io.out('|---|---|---|');
  const defaults = spec.defaults as Record<string, unknown>;
  for (const [key, field] of Object.entries(modelOptionFields(name)))
    io.out(`| ${key} | ${shown(defaults[key])} | ${field.description ?? ''} |`);
}

/** `kg4rec models`. */
export const modelsCommand: Command = {
  name: 'models',
  usage: () => `  models [<name>] [--plugin ./my-part.mjs …]
                       The registered models, what each needs from the data, and the parts
                       for their slots; with a name, the model's options, defaults and meaning.`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, { plugin: { type: 'string', multiple: true, default: [] } });
    await loadPlugins((values.plugin ?? []).map((p) => resolve(p)));
    const [name] = positionals;
    if (name === undefined) listModels(io);
    else describeModel(name, io);
    return 0;
  },
};
