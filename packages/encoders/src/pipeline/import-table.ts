/**
 * Precomputed features into the feature store, so models load them like encoded ones: rows keyed
 * `item:<id>` or `entity:<id>` by the ids in the file, ids the dataset does not have reported.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import type { Dataset } from '@kg4rec/kg';
import { type FeatureFileOptions, readFeatureFile } from '../store/import';
import { defaultFeatureRoot, type FeatureRow, featureTableDir, type SkippedInput, writeFeatureTable } from '../store/table';
import type { Modality } from '../types';
import { l2Normalize } from '../vectors';
import { entityKey, itemKey } from './content';

/** Options of {@link importFeatureTable}. */
export interface ImportOptions extends FeatureFileOptions {
  dataset: Dataset;
  modality: Modality;
  file: string;
  /** Whether the file's ids are item tokens or entity tokens. Default `item`. */
  keys?: 'item' | 'entity';
  /** Name in the encoder id (`imported-<name>-<file hash>`). Default: the file's name. */
  name?: string;
  /** L2-normalise rows (as the encoders do). Default true. */
  normalize?: boolean;
  root?: string;
}

/** What {@link importFeatureTable} wrote. */
export interface ImportSummary {
  dir: string;
  encoder: string;
  dim: number;
  rows: number;
  /** Ids of the file the dataset does not have. */
  unknown: SkippedInput[];
}

/** Imports a feature file into the store for `dataset`. */
export function importFeatureTable(options: ImportOptions): ImportSummary {
  const { dataset, modality, file } = options;
  const imported = readFeatureFile(file, options);
  const fileHash = createHash('sha256').update(readFileSync(file)).digest('hex');
  const kind = options.keys ?? 'item';
  const known = new Set(kind === 'item' ? dataset.items.list() : dataset.entities.list());
  const rows: FeatureRow[] = [];
  const kept: number[] = [];
  const unknown: SkippedInput[] = [];
  imported.ids.forEach((id, i) => {
    if (!known.has(id)) {
      unknown.push({ key: id, origin: file, reason: `no ${kind} '${id}' in dataset ${dataset.name}` });
      return;
    }
    rows.push({ key: kind === 'item' ? itemKey(id) : entityKey(id), sha256: fileHash, origin: basename(file) });
    kept.push(i);
  });
  if (rows.length === 0)
    throw new Kg4recError('INVALID_ARGUMENT', `${file}: none of its ${imported.ids.length} ids is an ${kind} of dataset ${dataset.name}`);
  const { dim } = imported;
  const values = new Float32Array(rows.length * dim);
  kept.forEach((source, i) => {
    const row = imported.values.slice(source * dim, (source + 1) * dim);
    values.set(options.normalize === false ? row : l2Normalize(row), i * dim);
  });
  const name = (options.name ?? basename(file)).replace(/[^A-Za-z0-9._-]/g, '_');
  const encoder = `imported-${name}-${fileHash.slice(0, 16)}`;
  const dir = featureTableDir(options.root ?? defaultFeatureRoot(), dataset.name, modality, encoder);
  const meta = {
    format: 'kg4rec-features' as const,
    version: 1 as const,
    dataset: dataset.name,
    modality,
    encoder,
    dim,
    rows: rows.length,
    sources: { [file]: fileHash },
    skipped: unknown.length,
    missing: 0,
    createdAt: new Date().toISOString(),
  };
  writeFeatureTable(dir, { meta, rows, values }, { skipped: unknown });
  return { dir, encoder, dim, rows: rows.length, unknown };
}
