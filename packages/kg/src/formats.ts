/**
 * Dataset formats a path can be read as, and sniffing a path's format from its files.
 * Implemented: `recbole` (atomic files) and `kgat` (KGAT's train/test/kg_final). The presets
 * also read MovieLens `.dat` files and KGCN/MKR knowledge graphs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRegistry, Kg4recError, type Registry } from '@kg4rec/core';
import { DatasetBuilder } from './builder';
import type { Dataset } from './dataset';
import { readKgat } from './readers/kgat';
import { readRecbole } from './readers/recbole';
import type { Strictness } from './report';

/** A directory format: how to recognise it and how to read it. */
export interface DatasetFormat {
  /** True when `directory` looks like this format. */
  sniff(directory: string): boolean;
  read(builder: DatasetBuilder, directory: string): Promise<Dataset>;
}

/** Registry of directory formats, used by {@link loadPath} and `kg4rec data inspect --format`. */
export const datasetFormats: Registry<DatasetFormat, Record<string, never>> = createRegistry('dataset format');

/** The dataset name of a RecBole folder, from its `<name>.inter` or `<name>.train.inter` file. */
function recboleName(directory: string): string | undefined {
  const file = readdirSync(directory).find((f) => f.endsWith('.inter'));
  return file?.replace(/(\.train|\.valid|\.test)?\.inter$/, '');
}

const FORMATS: Array<[string, string, DatasetFormat]> = [
  [
    'recbole',
    'RecBole atomic files <name>.inter/.item/.link/.kg',
    {
      sniff: (directory) => recboleName(directory) !== undefined,
      read: (builder, directory) => readRecbole(builder, directory, recboleName(directory) ?? basename(directory)),
    },
  ],
  [
    'kgat',
    "KGAT's train.txt/test.txt/kg_final.txt and id lists",
    { sniff: (directory) => existsSync(join(directory, 'train.txt')), read: (builder, directory) => readKgat(builder, directory) },
  ],
];
for (const [name, description, format] of FORMATS) datasetFormats.register({ name, description, create: () => format, defaults: {} });

/** Options of {@link loadPath}. */
export interface LoadPathOptions {
  /** A {@link datasetFormats} name; sniffed from the files when absent. */
  format?: string;
  strictness?: Strictness;
}

/** Reads the dataset in `directory`, in the given format or the one its files show. */
export async function loadPath(directory: string, options: LoadPathOptions = {}): Promise<Dataset> {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new Kg4recError('IO_ERROR', `${directory}: not a directory (expected a dataset folder or a preset name)`);
  }
  const format = options.format ? datasetFormats.create(options.format) : sniffFormat(directory);
  return format.read(new DatasetBuilder(options.strictness), directory);
}

function sniffFormat(directory: string): DatasetFormat {
  for (const name of datasetFormats.list()) {
    const format = datasetFormats.create(name);
    if (format.sniff(directory)) return format;
  }
  throw new Kg4recError(
    'PARSE_ERROR',
    `${directory}: cannot tell the format from its files (expected a *.inter file for recbole, or train.txt for kgat); pass --format`,
  );
}
