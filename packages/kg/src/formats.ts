/**
 * Dataset formats a path can be read as, and sniffing a path's format from its files:
 * `recbole`, `kgat`, `kgcn`, `movielens` (raw GroupLens files), `csv` (delimited files with a
 * column mapping) and `nt` (N-Triples, a KG without interactions).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRegistry, Kg4recError, type Registry } from '@kg4rec/core';
import { DatasetBuilder } from './builder';
import type { Dataset } from './dataset';
import { type ColumnMapping, DEFAULT_COLUMNS, readDelimitedInteractions, readDelimitedTriples } from './readers/delimited';
import { readKgat } from './readers/kgat';
import { readKgcn } from './readers/kgcn';
import { readMovielensRaw } from './readers/movielens-raw';
import { readNTriples } from './readers/ntriples';
import { readRecbole } from './readers/recbole';
import type { Strictness } from './report';

/** A format: how to recognise a folder (or file) of it, and how to read it. */
export interface DatasetFormat {
  /** True when `path` looks like this format. */
  sniff(path: string): boolean;
  read(builder: DatasetBuilder, path: string, options: LoadPathOptions): Promise<Dataset>;
}

/** Registry of directory formats, used by {@link loadPath} and `kg4rec data inspect --format`. */
export const datasetFormats: Registry<DatasetFormat, Record<string, never>> = createRegistry('dataset format');

/** The dataset name of a RecBole folder, from its `<name>.inter` or `<name>.train.inter` file. */
function recboleName(directory: string): string | undefined {
  const file = readdirSync(directory).find((f) => f.endsWith('.inter'));
  return file?.replace(/(\.train|\.valid|\.test)?\.inter$/, '');
}

const isDir = (path: string) => statSync(path).isDirectory();
const has = (directory: string, ...names: string[]) => isDir(directory) && names.some((name) => existsSync(join(directory, name)));
const firstOf = (directory: string, names: string[]) => names.map((name) => join(directory, name)).find((file) => existsSync(file));
const ntFiles = (path: string) =>
  isDir(path)
    ? readdirSync(path)
        .filter((f) => /\.nt(\.gz)?$/.test(f))
        .map((f) => join(path, f))
        .sort()
    : [path];
const withExtensions = (base: string) => [`${base}.csv`, `${base}.tsv`, `${base}.csv.gz`, `${base}.tsv.gz`];

async function readCsvFolder(builder: DatasetBuilder, directory: string, options: LoadPathOptions): Promise<Dataset> {
  const columns = { ...DEFAULT_COLUMNS, ...options.columns };
  const interactions = firstOf(directory, withExtensions('interactions'));
  if (!interactions) throw new Kg4recError('IO_ERROR', `${directory}: no interactions.csv or interactions.tsv`);
  await readDelimitedInteractions(interactions, builder, columns);
  const triples = firstOf(directory, withExtensions('triples'));
  if (triples) await readDelimitedTriples(triples, builder, columns);
  return builder.build(basename(directory));
}

async function readNtPath(builder: DatasetBuilder, path: string): Promise<Dataset> {
  for (const file of ntFiles(path)) await readNTriples(file, builder);
  return builder.build(basename(path).replace(/\.nt(\.gz)?$/, ''));
}

const FORMATS: Array<[string, string, DatasetFormat]> = [
  [
    'recbole',
    'RecBole atomic files <name>.inter/.item/.link/.kg (or .train/.valid/.test.inter)',
    {
      sniff: (path) => isDir(path) && recboleName(path) !== undefined,
      read: (builder, directory) => readRecbole(builder, directory, recboleName(directory) ?? basename(directory)),
    },
  ],
  [
    'kgat',
    "KGAT's train.txt/test.txt/kg_final.txt and id lists",
    { sniff: (path) => has(path, 'train.txt'), read: (builder, directory) => readKgat(builder, directory) },
  ],
  [
    'kgcn',
    'KGCN/MKR: raw ratings + kg.txt + item_index2entity_id.txt, or ratings_final.txt + kg_final.txt',
    {
      sniff: (path) => has(path, 'item_index2entity_id.txt', 'ratings_final.txt'),
      read: (builder, directory) => readKgcn(builder, directory),
    },
  ],
  [
    'movielens',
    "GroupLens' u.data/u.item (100K) or ratings.dat/movies.dat (1M); genres and years become the KG",
    {
      sniff: (path) => has(path, 'u.data', 'ratings.dat'),
      read: (builder, directory) => readMovielensRaw(builder, directory, basename(directory)),
    },
  ],
  [
    'csv',
    'interactions.csv|tsv (user,item[,rating,timestamp]) and triples.csv|tsv (head,relation,tail), columns mappable',
    { sniff: (path) => has(path, ...withExtensions('interactions')), read: readCsvFolder },
  ],
  [
    'nt',
    'N-Triples (.nt, .nt.gz): a KG without interactions',
    { sniff: (path) => ntFiles(path).some((f) => /\.nt(\.gz)?$/.test(f)), read: readNtPath },
  ],
];
for (const [name, description, format] of FORMATS) datasetFormats.register({ name, description, create: () => format, defaults: {} });

/** Options of {@link loadPath}. */
export interface LoadPathOptions {
  /** A {@link datasetFormats} name; sniffed from the files when absent. */
  format?: string;
  strictness?: Strictness;
  /** For `csv`: which header names hold which field (default: the field names). */
  columns?: Partial<ColumnMapping>;
}

/** Reads the dataset at `path` (a folder, or an N-Triples file), in the given format or the one its files show. */
export async function loadPath(path: string, options: LoadPathOptions = {}): Promise<Dataset> {
  if (!existsSync(path)) {
    throw new Kg4recError('IO_ERROR', `${path}: not found (expected a dataset folder, an N-Triples file or a preset name)`);
  }
  if (!isDir(path) && !/\.nt(\.gz)?$/.test(path)) {
    throw new Kg4recError('IO_ERROR', `${path}: expected a dataset folder (only N-Triples may be given as a single file)`);
  }
  if (isDir(path)) checkListable(path);
  const format = options.format ? datasetFormats.create(options.format) : sniffFormat(path);
  return format.read(new DatasetBuilder(options.strictness), path, options);
}

/** Lists `directory` once, so that an unreadable one is named as such (not as a folder without its files). */
function checkListable(directory: string): void {
  try {
    readdirSync(directory);
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${directory}: cannot list the folder (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
      details: { file: directory },
    });
  }
}

function sniffFormat(directory: string): DatasetFormat {
  for (const name of datasetFormats.list()) {
    const format = datasetFormats.create(name);
    if (format.sniff(directory)) return format;
  }
  throw new Kg4recError(
    'PARSE_ERROR',
    `${directory}: cannot tell the format from its files (recbole: *.inter; kgat: train.txt; kgcn: ratings_final.txt; movielens: u.data or ratings.dat; csv: interactions.csv; nt: *.nt); pass --format`,
  );
}
