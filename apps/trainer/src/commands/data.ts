import { Kg4recError } from '@kg4rec/core';
import {
  type ColumnMapping,
  type Dataset,
  type DatasetStats,
  DEFAULT_COLUMNS,
  datasetPresets,
  exportKgat,
  exportRecbole,
  inspectDataset,
  loadDataset,
  loadPath,
  SPLIT_KINDS,
  type SplitKind,
  type Strictness,
  splitInteractions,
} from '@kg4rec/kg';
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

/** A preset by name, or a dataset folder in the given or sniffed format. */
export async function loadSource(
  source: string,
  format: string | undefined,
  strictness: Strictness,
  columns?: Partial<ColumnMapping>,
): Promise<Dataset> {
  if (datasetPresets.has(source)) return loadDataset(source, { strictness });
  try {
    return await loadPath(source, { ...(format ? { format } : {}), strictness, ...(columns ? { columns } : {}) });
  } catch (error) {
    if (error instanceof Kg4recError && error.code === 'IO_ERROR' && error.message.endsWith('or a preset name)')) {
      throw new Kg4recError('IO_ERROR', `${error.message}; presets: ${datasetPresets.list().join(', ')}`, { cause: error });
    }
    throw error;
  }
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
    throw new Kg4recError('UNKNOWN_NAME', `unknown export format '${options.format}': expected one of 'kgat', 'recbole'`);
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
