/**
 * The feature store: one folder per dataset, modality and encoder,
 * `<root>/<dataset>/<modality>/<encoder id>/`, holding
 *
 * - `features.f32`: the float32 matrix, rows × dim, little-endian, row-major;
 * - `rows.tsv`: `key`, `sha256` of the row's input (text or file bytes), `origin`, one line per row;
 * - `meta.json`: encoder id, dim, counts, the source files' hashes, when it was written;
 * - `skipped.tsv` (inputs that could not be read, and why) and `missing.txt` (keys with no content).
 *
 * Written whole through a temporary folder and a rename; read back with every count checked.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kg4recError, writeFolderAtomic } from '@kg4rec/core';
import type { Modality } from '../types';

/** `meta.json` of a feature table. */
export interface FeatureMeta {
  format: 'kg4rec-features';
  version: 1;
  dataset: string;
  modality: Modality;
  encoder: string;
  dim: number;
  rows: number;
  /** Source files (a texts file, a poster folder's listing, an imported file) → sha256. */
  sources: Record<string, string>;
  skipped: number;
  missing: number;
  createdAt: string;
}

/** One row's identity: its key, the hash of its input, where the input came from. */
export interface FeatureRow {
  key: string;
  sha256: string;
  origin: string;
}

/** An input that could not be encoded. */
export interface SkippedInput {
  key: string;
  origin: string;
  reason: string;
}

/** A feature matrix with its rows and metadata. */
export interface FeatureTable {
  meta: FeatureMeta;
  rows: FeatureRow[];
  /** rows × dim values. */
  values: Float32Array;
}

const FILES = { values: 'features.f32', rows: 'rows.tsv', meta: 'meta.json', skipped: 'skipped.tsv', missing: 'missing.txt' } as const;

/** Folder-safe form of a name (ids keep letters, digits, `-`, `_`, `.`). */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Where a table lives under a feature root. */
export function featureTableDir(root: string, dataset: string, modality: Modality, encoder: string): string {
  return join(root, safeName(dataset), modality, safeName(encoder));
}

/** The feature root: `$KG4REC_FEATURES`, else `features/` in the working folder. */
export function defaultFeatureRoot(): string {
  return process.env.KG4REC_FEATURES ?? join(process.cwd(), 'features');
}

const clean = (text: string) => text.replace(/[\t\n\r]/g, ' ');

/** Writes (or replaces) a table folder atomically. */
export function writeFeatureTable(
  dir: string,
  table: FeatureTable,
  extras: { skipped?: readonly SkippedInput[]; missing?: readonly string[] } = {},
): void {
  const { meta, rows, values } = table;
  if (values.length !== rows.length * meta.dim || meta.rows !== rows.length) {
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `${dir}: ${rows.length} rows of dim ${meta.dim} need ${rows.length * meta.dim} values, got ${values.length} (meta says ${meta.rows} rows)`,
    );
  }
  writeFolderAtomic(
    dir,
    (folder) => {
      writeFileSync(join(folder, FILES.values), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      writeFileSync(
        join(folder, FILES.rows),
        `${['key\tsha256\torigin', ...rows.map((r) => `${clean(r.key)}\t${r.sha256}\t${clean(r.origin)}`)].join('\n')}\n`,
      );
      writeFileSync(
        join(folder, FILES.skipped),
        `${['key\torigin\treason', ...(extras.skipped ?? []).map((s) => `${clean(s.key)}\t${clean(s.origin)}\t${clean(s.reason)}`)].join(
          '\n',
        )}\n`,
      );
      writeFileSync(join(folder, FILES.missing), (extras.missing ?? []).map((key) => `${clean(key)}\n`).join(''));
      writeFileSync(join(folder, FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
    },
    { replace: true },
  );
}

/** True when `dir` holds a complete table. */
export function hasFeatureTable(dir: string): boolean {
  return existsSync(join(dir, FILES.meta));
}

/** A table's `meta.json`, checked, without reading its matrix. */
export function readFeatureMeta(dir: string): FeatureMeta {
  const metaFile = join(dir, FILES.meta);
  if (!existsSync(metaFile))
    throw new Kg4recError('IO_ERROR', `${dir}: no feature table (expected ${FILES.meta}); run kg4rec encode first`);
  let meta: FeatureMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as FeatureMeta;
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${metaFile}: not valid JSON`, { cause, details: { file: metaFile } });
  }
  if (meta.format !== 'kg4rec-features' || meta.version !== 1 || !Number.isInteger(meta.dim) || meta.dim < 1) {
    throw new Kg4recError('PARSE_ERROR', `${metaFile}: expected a kg4rec-features version 1 table with a positive integer dim`, {
      details: { file: metaFile },
    });
  }
  return meta;
}

/** The metadata of every complete table under a feature root, by dataset, modality and encoder. */
export function listFeatureTables(root: string): FeatureMeta[] {
  if (!existsSync(root)) return [];
  const tables: FeatureMeta[] = [];
  for (const dataset of readdirSync(root).sort()) {
    for (const modality of ['text', 'image']) {
      const folder = join(root, dataset, modality);
      if (!existsSync(folder)) continue;
      for (const encoder of readdirSync(folder).sort()) {
        if (hasFeatureTable(join(folder, encoder))) tables.push(readFeatureMeta(join(folder, encoder)));
      }
    }
  }
  return tables;
}

/** Reads a table folder, checking that meta, rows and matrix agree. */
export function readFeatureTable(dir: string): FeatureTable {
  const meta = readFeatureMeta(dir);
  const rows = readRows(join(dir, FILES.rows));
  const bytes = readFileSync(join(dir, FILES.values));
  const expected = rows.length * meta.dim * 4;
  if (rows.length !== meta.rows || bytes.byteLength !== expected) {
    throw new Kg4recError(
      'PARSE_ERROR',
      `${dir}: meta.json says ${meta.rows} rows of dim ${meta.dim}; rows.tsv has ${rows.length} rows and ${FILES.values} ${bytes.byteLength} bytes (expected ${expected})`,
      { details: { file: dir } },
    );
  }
  const values = new Float32Array(rows.length * meta.dim);
  new Uint8Array(values.buffer).set(bytes);
  return { meta, rows, values };
}

function readRows(file: string): FeatureRow[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines[0] !== 'key\tsha256\torigin')
    throw new Kg4recError('PARSE_ERROR', `${file}:1: expected the header 'key<TAB>sha256<TAB>origin'`, { details: { file, line: 1 } });
  const rows: FeatureRow[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line === '') return;
    const [key, sha256, origin] = line.split('\t');
    if (!key || sha256 === undefined || origin === undefined) {
      throw new Kg4recError('PARSE_ERROR', `${file}:${index + 2}: expected key, sha256 and origin separated by tabs`, {
        details: { file, line: index + 2 },
      });
    }
    rows.push({ key, sha256, origin });
  });
  return rows;
}

/** One row of a table as a copy. */
export function tableRow(table: FeatureTable, index: number): Float32Array {
  const dim = table.meta.dim;
  return table.values.slice(index * dim, (index + 1) * dim);
}
