import { parseArgs } from 'node:util';
import { isKg4recError, Kg4recError } from '@kg4rec/core';
import type { FeatureFileFormat, Modality } from '@kg4rec/encoders';
import { backendsCommand } from './commands/backends';
import { dataExportCommand, dataInspectCommand, parseColumns, parseSplitKind } from './commands/data';
import { type EncodeCommandOptions, encodeCommand } from './commands/encode';
import { evaluateCommand } from './commands/evaluate';
import { featuresImportCommand, featuresListCommand } from './commands/features';
import { explainCommand, recommendCommand } from './commands/recommend';
import { trainCommand } from './commands/train';
import { resolveTrainConfig, savedRunConfig } from './commands/train-config';
import type { Output } from './io';

const USAGE = `Usage: kg4rec <command> [options]

Commands:
  backends [--check]   Which tensor backends load here, which one 'auto' picks, and
                       (--check) whether kg4rec's kernels are correct on each.
  data inspect <preset|path> [--format recbole|kgat|kgcn|movielens|csv|nt] [--strict] [--json]
               [--columns user=userId,item=movieId,…]  (csv: header names by field)
                       Load a dataset (a preset: movielens-100k, movielens-1m,
                       movielens-1m-kgat, amazon-book; or a folder) and print its
                       statistics: counts, density, KG coverage, what was dropped.
  data export <preset|path> --to <dir> --format kgat|recbole
              [--split random|leave-one-out|temporal|given] [--seed N] [--strict]
                       Write one split for Python tools (KGAT, RecBole) into a new folder.
  train --dataset <preset|path> [--model bprmf|cke|kgat|mkgat|multikg4rec] [--split ratio|…]
        [--format <fmt>] [--backend auto|cpu|wasm|…] [--epochs N] [--lr X]
        [--config run.yaml|run.json] [--set key=value …] [--out <dir>]
                       Train a model, select it on validation, print the test metrics
                       (Recall@20 0.1234 …); write config, metrics.jsonl, per-user test
                       metrics, a checkpoint per epoch and the model to --out.
                       mkgat and multikg4rec encode features first (features.* settings,
                       store reused). Config layers, later over
                       earlier: defaults < configs/model/<model>.yaml <
                       configs/dataset/<dataset>.yaml < --config < flags < --set.
  train --resume --out <dir> [--backend <name>]
                       Continue a killed run from its newest checkpoint; it ends as the
                       uninterrupted run would have.
  evaluate <run folder> [--split test|valid] [--backend <name>] [--json]
                       Reload a run's model and data split and print its metrics.
  recommend <run folder> --user <token> [-k 20] [--json] [--backend <name>]
                       A run's top-k items for a user (training items excluded), with
                       titles; Multi-KG4Rec also splits each score into visual and text
                       parts and gives each modality's share of the list.
  explain <run folder> --user <token> --item <token> [--neighbours 5] [--backend <name>]
                       One score, its modality parts, and the item's KG neighbours with
                       the most attention (mkgat: also π on its image and text entities).
  encode --dataset <preset|path> --encoder hash|clip [--model <dir>] [--variant full|fp16|quantized]
         [--modality text|image|both] [--batch-size N] [--features <dir>] [--providers auto|cpu,…]
         [--restart] [--strict]
                       Encode items' and entities' texts and images into the feature
                       store (<features>/<dataset>/<modality>/<encoder id>/). Resumes an
                       interrupted run; unreadable inputs are skipped and listed (--strict:
                       stop at the first). clip needs a CLIP ONNX model folder.
  features list [--features <dir>]
                       The feature store's tables: dataset, modality, encoder, rows, dim.
  features import --dataset <preset|path> --modality text|image --file <f.npy|.csv|.tsv|.jsonl>
                  [--ids ids.txt] [--keys item|entity] [--name N] [--features <dir>]
                       Bring precomputed features (e.g. CLIP run in Python) into the store,
                       keyed by item (or entity) tokens; .npy needs --ids (one per line).

Options:
  -h, --help           Show this help.
  -v, --version        Show the version.`;

/** The version printed by `kg4rec --version`. */
export const VERSION = '0.1.0';

type Command = (args: string[], io: Output) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  backends: async (args, io) => {
    const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } }, strict: true });
    return backendsCommand({ check: values.check ?? false }, io);
  },
  train: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        dataset: { type: 'string' },
        format: { type: 'string' },
        model: { type: 'string' },
        split: { type: 'string' },
        backend: { type: 'string' },
        epochs: { type: 'string' },
        lr: { type: 'string' },
        set: { type: 'string', multiple: true, default: [] },
        out: { type: 'string' },
        resume: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const flags = {
      ...(values.dataset ? { dataset: values.dataset } : {}),
      ...(values.format ? { format: values.format } : {}),
      ...(values.model ? { model: { name: values.model } } : {}),
      ...(values.split ? { split: values.split } : {}),
      ...(values.backend ? { backend: values.backend } : {}),
      ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
      ...(values.lr ? { lr: Number(values.lr) } : {}),
    };
    if (values.resume) {
      const { backend, ...others } = flags;
      const extra = [...Object.keys(others), ...(values.config ? ['config'] : []), ...((values.set ?? []).length > 0 ? ['set'] : [])];
      if (extra.length > 0) {
        throw new Kg4recError(
          'INVALID_CONFIG',
          `--resume continues the run's saved config.json; drop --${extra.join(', --')} (only --backend may change)`,
        );
      }
      if (!values.out) throw new Kg4recError('INVALID_CONFIG', '--resume needs --out <run folder> of the run to continue');
      return trainCommand(savedRunConfig(values.out, backend), values.out, io, true);
    }
    return trainCommand(resolveTrainConfig(values.config, flags, values.set ?? []), values.out, io);
  },
  evaluate: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: { split: { type: 'string', default: 'test' }, backend: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const [dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0 || (values.split !== 'test' && values.split !== 'valid')) {
      io.err(`kg4rec: expected 'evaluate <run folder> [--split test|valid] [--backend <name>] [--json]'\n\n${USAGE}`);
      return 2;
    }
    return evaluateCommand(
      { dir, split: values.split, json: values.json ?? false, ...(values.backend ? { backend: values.backend } : {}) },
      io,
    );
  },
  encode: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        dataset: { type: 'string' },
        format: { type: 'string' },
        encoder: { type: 'string', default: 'hash' },
        model: { type: 'string' },
        variant: { type: 'string' },
        providers: { type: 'string' },
        modality: { type: 'string', default: 'both' },
        'batch-size': { type: 'string', default: '32' },
        features: { type: 'string' },
        restart: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (!values.dataset) throw new Kg4recError('INVALID_ARGUMENT', 'encode needs --dataset <preset|path>');
    return encodeCommand(
      {
        dataset: values.dataset,
        encoder: values.encoder ?? 'hash',
        modality: (values.modality ?? 'both') as EncodeCommandOptions['modality'],
        batchSize: Number(values['batch-size']),
        restart: values.restart ?? false,
        strict: values.strict ?? false,
        ...(values.format ? { format: values.format } : {}),
        ...(values.model ? { model: values.model } : {}),
        ...(values.variant ? { variant: values.variant } : {}),
        ...(values.providers ? { providers: values.providers } : {}),
        ...(values.features ? { features: values.features } : {}),
      },
      io,
    );
  },
  recommend: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: {
        user: { type: 'string' },
        k: { type: 'string', short: 'k', default: '20' },
        json: { type: 'boolean', default: false },
        backend: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [dir] = positionals;
    if (!dir || !values.user) throw new Kg4recError('INVALID_ARGUMENT', 'recommend needs a run folder and --user <token>');
    return recommendCommand(
      { dir, user: values.user, k: Number(values.k), json: values.json ?? false, ...(values.backend ? { backend: values.backend } : {}) },
      io,
    );
  },
  explain: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: {
        user: { type: 'string' },
        item: { type: 'string' },
        neighbours: { type: 'string', default: '5' },
        backend: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [dir] = positionals;
    if (!dir || !values.user || !values.item)
      throw new Kg4recError('INVALID_ARGUMENT', 'explain needs a run folder, --user <token> and --item <token>');
    return explainCommand(
      {
        dir,
        user: values.user,
        item: values.item,
        neighbours: Number(values.neighbours),
        ...(values.backend ? { backend: values.backend } : {}),
      },
      io,
    );
  },
  features: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: {
        dataset: { type: 'string' },
        modality: { type: 'string' },
        file: { type: 'string' },
        ids: { type: 'string' },
        format: { type: 'string' },
        keys: { type: 'string', default: 'item' },
        name: { type: 'string' },
        features: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const sub = positionals[0];
    const root = values.features ? { features: values.features } : {};
    if (sub === 'list') return featuresListCommand(root, io);
    if (sub !== 'import') throw new Kg4recError('INVALID_ARGUMENT', `features: expected 'list' or 'import', got '${sub ?? ''}'`);
    if (!values.dataset || !values.modality || !values.file)
      throw new Kg4recError('INVALID_ARGUMENT', 'features import needs --dataset, --modality and --file');
    return featuresImportCommand(
      {
        dataset: values.dataset,
        modality: values.modality as Modality,
        file: values.file,
        keys: (values.keys ?? 'item') as 'item' | 'entity',
        ...(values.ids ? { idsFile: values.ids } : {}),
        ...(values.format ? { format: values.format as FeatureFileFormat } : {}),
        ...(values.name ? { name: values.name } : {}),
        ...root,
      },
      io,
    );
  },
  data: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: 'string' },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        to: { type: 'string' },
        split: { type: 'string' },
        seed: { type: 'string', default: '2025' },
        columns: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [sub, source, ...extra] = positionals;
    const strictness = values.strict ? 'strict' : 'lenient';
    const columns = parseColumns(values.columns);
    const common = { strictness, ...(columns ? { columns } : {}) } as const;
    if (sub === 'inspect' && source !== undefined && extra.length === 0) {
      return dataInspectCommand({ source, ...(values.format ? { format: values.format } : {}), ...common, json: values.json ?? false }, io);
    }
    if (sub === 'export' && source !== undefined && extra.length === 0 && values.to && values.format) {
      const split = parseSplitKind(values.split);
      const seed = Number(values.seed);
      const format = values.format as 'kgat' | 'recbole';
      return dataExportCommand({ source, to: values.to, format, ...(split ? { split } : {}), seed, ...common }, io);
    }
    io.err(
      `kg4rec: expected 'data inspect <preset|path>' or 'data export <preset|path> --to <dir> --format kgat|recbole', got 'data ${positionals.join(' ')}'\n\n${USAGE}`,
    );
    return 2;
  },
};

/**
 * Runs the `kg4rec` command line and returns its exit code: 0 done, 1 failed, 2 bad usage.
 * Errors are printed, never thrown.
 */
export async function main(argv: string[], io: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.out(VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`kg4rec: unknown command '${name}': expected one of ${Object.keys(COMMANDS).join(', ')}\n\n${USAGE}`);
    return 2;
  }
  return runCommand(command, args, io);
}

async function runCommand(command: Command, args: string[], io: Output): Promise<number> {
  try {
    return await command(args, io);
  } catch (error) {
    if (isKg4recError(error)) {
      io.err(`kg4rec: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`kg4rec: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
