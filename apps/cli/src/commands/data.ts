/**
 * `kg4rec data inspect|export`: a dataset's statistics (counts, density, KG coverage, what was
 * dropped), and one split of it written for Python tools (KGAT, RecBole).
 */
import { Kg4recError } from '@kg4rec/core';
import {
  type ColumnMapping,
  type DatasetStats,
  DEFAULT_COLUMNS,
  datasetFormats,
  datasetPresets,
  exportKgat,
  exportRecbole,
  inspectDataset,
  SPLIT_KINDS,
  type SplitKind,
  type Strictness,
  splitInteractions,
} from '@kg4rec/kg';
import { loadSource } from '@kg4rec/trainer';
import { type Command, choices, parseCommandLine } from '../command';
import type { Output } from '../io';

/** Options of {@link dataInspectCommand}. */
export interface DataInspectOptions {
  /** A preset name (`movielens-100k`, …) or a dataset folder. */
  source: string;
  /** A format name for a folder; sniffed when absent. */
  format?: string;
  strictness: Strictness;
  /** Print the statistics as JSON instead of a table. */
  json: boolean;
  /** For `csv`: header names by field (`--columns user=userId,item=movieId`). */
  columns?: Partial<ColumnMapping>;
}

/** `kg4rec data inspect <preset|path>`: loads a dataset and prints the statistics a user checks first. */
export async function dataInspectCommand(options: DataInspectOptions, io: Output): Promise<number> {
  const started = performance.now();
  const dataset = await loadSource(options.source, options.format, options.strictness, options.columns);
  const stats = inspectDataset(dataset);
  if (options.json) io.out(JSON.stringify(stats, null, 2));
  else for (const line of formatStats(stats)) io.out(line);
  io.err(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

const number = (value: number) => value.toLocaleString('en-US');

/** The statistics as `| what | value |` table lines. */
export function formatStats(stats: DatasetStats): string[] {
  const rows: Array<[string, string]> = [
    ['dataset', stats.name],
    ['users', number(stats.users)],
    ['items', number(stats.items)],
    ['interactions', number(stats.interactions)],
    ['density', stats.density.toPrecision(3)],
    ['entities', number(stats.entities)],
    ['relations', number(stats.relations)],
    ['triples', number(stats.triples)],
    ['items linked to an entity', number(stats.linkedItems)],
    ['items without KG neighbours', number(stats.itemsWithoutKgNeighbours)],
    ['items sharing an entity with another item', number(stats.itemsSharingAnEntity)],
    ['items with a poster / a text', `${number(stats.itemsWithPoster)} / ${number(stats.itemsWithText)}`],
    ['users without training interactions', number(stats.usersWithoutTraining)],
  ];
  if (stats.givenSplit) {
    const { train, valid, test, trainUsers, testUsers } = stats.givenSplit;
    rows.push(['given split train / valid / test', `${number(train)} / ${number(valid)} / ${number(test)}`]);
    rows.push(['users in train / test', `${number(trainUsers)} / ${number(testUsers)}`]);
  }
  for (const [kind, count] of Object.entries(stats.dropped)) rows.push([`dropped: ${kind}`, number(count)]);
  return ['| what | value |', '|---|---:|', ...rows.map(([what, value]) => `| ${what} | ${value} |`)];
}

/** Options of {@link dataExportCommand}. */
export interface DataExportOptions {
  source: string;
  /** A new folder to write. */
  to: string;
  format: 'kgat' | 'recbole';
  /** Default: `given` where the source comes split, else `random` (8:1:1). */
  split?: SplitKind;
  seed: number;
  strictness: Strictness;
  columns?: Partial<ColumnMapping>;
}

const EXPORTERS = { kgat: exportKgat, recbole: exportRecbole } as const;

/** `kg4rec data export <preset|path> --to <dir> --format kgat|recbole [--split …]`: one split, written for Python tools. */
export async function dataExportCommand(options: DataExportOptions, io: Output): Promise<number> {
  if (!(options.format in EXPORTERS)) {
    throw new Kg4recError(
      'UNKNOWN_NAME',
      `unknown export format '${options.format}': expected one of ${Object.keys(EXPORTERS)
        .map((f) => `'${f}'`)
        .join(', ')}`,
    );
  }
  const dataset = await loadSource(options.source, undefined, options.strictness, options.columns);
  const kind = options.split ?? (dataset.interactions.given ? 'given' : 'random');
  const split = splitInteractions(dataset, { kind, seed: options.seed });
  EXPORTERS[options.format](dataset, split, options.to);
  io.out(
    `wrote ${options.to} (${options.format}, ${kind} split, seed ${options.seed}): train ${number(split.train.length)}, valid ${number(split.valid.length)}, test ${number(split.test.length)}`,
  );
  return 0;
}

/** Parses a `--split` value. */
export function parseSplitKind(value: string | undefined): SplitKind | undefined {
  if (value === undefined) return undefined;
  if ((SPLIT_KINDS as readonly string[]).includes(value)) return value as SplitKind;
  throw new Kg4recError('UNKNOWN_NAME', `unknown split '${value}': expected one of ${SPLIT_KINDS.map((k) => `'${k}'`).join(', ')}`);
}

/** Parses `--columns user=userId,item=movieId` into a column mapping; unknown fields are an error. */
export function parseColumns(value: string | undefined): Partial<ColumnMapping> | undefined {
  if (value === undefined) return undefined;
  const fields = Object.keys(DEFAULT_COLUMNS);
  const mapping: Partial<Record<string, string>> = {};
  for (const pair of value.split(',')) {
    const [field, column] = pair.split('=');
    if (!field || !column || !fields.includes(field)) {
      throw new Kg4recError('INVALID_ARGUMENT', `--columns: expected field=column with field one of ${fields.join(', ')}, got '${pair}'`);
    }
    mapping[field] = column;
  }
  return mapping as Partial<ColumnMapping>;
}

const EXPORT_FORMATS = Object.keys(EXPORTERS);

/** `kg4rec data inspect|export`. */
export const data: Command = {
  name: 'data',
  usage: () => `  data inspect <preset|path> [--format ${choices(datasetFormats.list())}] [--strict] [--json]
               [--columns user=userId,item=movieId,…]  (csv: header names by field)
                       Load a dataset (a preset: ${datasetPresets.list().join(', ')};
                       or a folder) and print its statistics: counts, density, KG coverage,
                       what was dropped.
  data export <preset|path> --to <dir> --format ${choices(EXPORT_FORMATS)}
              [--split ${choices(SPLIT_KINDS)}] [--seed N] [--strict]
                       Write one split for Python tools (KGAT, RecBole) into a new folder.`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      format: { type: 'string' },
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      to: { type: 'string' },
      split: { type: 'string' },
      seed: { type: 'string', default: '2025' },
      columns: { type: 'string' },
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
      const format = values.format as 'kgat' | 'recbole';
      return dataExportCommand({ source, to: values.to, format, ...(split ? { split } : {}), seed: Number(values.seed), ...common }, io);
    }
    io.err(
      `kg4rec: expected 'data inspect <preset|path>' or 'data export <preset|path> --to <dir> --format ${choices(EXPORT_FORMATS)}', got 'data ${positionals.join(' ')}'\n\n${data.usage()}`,
    );
    return 2;
  },
};
