/**
 * Encoding a dataset's content into the feature store: every item's and named entity's text or
 * image, in batches, resumable (each finished batch is journaled; a rerun encodes only what is
 * left, or what changed since the table was written), with bad inputs reported and skipped. A
 * stored table is never replaced by an empty one: when no input is found or none can be read
 * (the files are not there), it is kept as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Kg4recError } from '@kg4rec/core';
import type { Dataset } from '@kg4rec/kg';
import { CLIP_IMAGE_SIZE, type PreprocessedImage, preprocessImage } from '../image/preprocess';
import { type EncodedRow, EncodeJournal } from '../store/journal';
import {
  defaultFeatureRoot,
  type FeatureMeta,
  type FeatureRow,
  featureTableDir,
  hasFeatureTable,
  readFeatureTable,
  type SkippedInput,
  tableRow,
  writeFeatureTable,
} from '../store/table';
import type { Encoder, ImageEncoder, TextEncoder } from '../types';
import { type ContentInput, type ContentOptions, contentInputs } from './content';

/** Progress of {@link encodeDataset}, after each batch. */
export interface EncodeProgress {
  /** Rows encoded in this run so far. */
  done: number;
  /** Rows this run has to encode. */
  total: number;
  /** Rows kept from an earlier run (journal or table). */
  reused: number;
  seconds: number;
}

/** Options of {@link encodeDataset}. */
export interface EncodeOptions {
  dataset: Dataset;
  encoder: Encoder;
  /** Feature root. Default {@link defaultFeatureRoot}. */
  root?: string;
  /** Inputs per encoder call. Default 32. */
  batchSize?: number;
  /** Discard an interrupted run's journal instead of resuming it. */
  restart?: boolean;
  /** Stop at the first unreadable input instead of skipping it. */
  strict?: boolean;
  /** Fit encoders that learn corpus statistics (the hash text encoder's IDF) on the inputs. Default true. */
  fit?: boolean;
  content?: ContentOptions;
  onProgress?: (progress: EncodeProgress) => void;
}

/** What {@link encodeDataset} did. */
export interface EncodeSummary {
  /** The table folder. */
  dir: string;
  encoder: string;
  dim: number;
  /** Rows in the table. */
  rows: number;
  /** Rows encoded by this run. */
  encoded: number;
  /** Rows kept from an earlier run. */
  reused: number;
  skipped: SkippedInput[];
  missing: string[];
  /** Rows planned for catalogue entries that are not items (cold-start items). */
  catalogue: number;
  seconds: number;
  /**
   * True when no input could be read or none was found (a posters folder not there, say) and the
   * stored table was therefore kept as it was, not replaced by an empty one.
   */
  keptStored?: boolean;
}

interface Planned extends ContentInput {
  sha256: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Encodes `dataset`'s content for the encoder's modality into the feature store. */
export async function encodeDataset(options: EncodeOptions): Promise<EncodeSummary> {
  const started = performance.now();
  const { dataset } = options;
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Kg4recError('INVALID_ARGUMENT', `batch size must be a positive integer, got ${batchSize}`);
  const modality = options.encoder.modality;
  const plan = contentInputs(dataset, modality, options.content);
  const skipped: SkippedInput[] = [];
  const planned = hashInputs(plan.inputs, modality, skipped, options.strict ?? false);
  const encoder =
    options.fit === false
      ? options.encoder
      : fittedEncoder(
          options.encoder,
          planned.map((p) => p.input),
        );
  const dir = featureTableDir(options.root ?? defaultFeatureRoot(), dataset.name, modality, encoder.id);
  const stored = planned.length === 0 ? storedRows(dir, encoder) : 0;
  if (stored > 0) {
    const seconds = (performance.now() - started) / 1000;
    return {
      dir,
      encoder: encoder.id,
      dim: encoder.dim,
      rows: stored,
      encoded: 0,
      reused: stored,
      skipped,
      missing: plan.missing,
      catalogue: plan.catalogue,
      seconds,
      keptStored: true,
    };
  }
  const header = { dataset: dataset.name, modality, encoder: encoder.id, dim: encoder.dim };
  const journal = EncodeJournal.open(`${dir}.partial`, header, options.restart ?? false);
  const kept = keptRows(dir, encoder, journal);
  const todo = planned.filter((input) => kept.get(input.key)?.sha256 !== input.sha256);
  const reused = planned.length - todo.length;
  let done = 0;
  let encoded = 0;
  for (let at = 0; at < todo.length; at += batchSize) {
    const batch = todo.slice(at, at + batchSize);
    const rows = await encodeBatch(encoder, batch, skipped, options.strict ?? false);
    journal.append(rows);
    for (const row of rows) kept.set(row.key, row);
    encoded += rows.length;
    done += batch.length;
    options.onProgress?.({ done, total: todo.length, reused, seconds: (performance.now() - started) / 1000 });
  }
  const table = assemble(planned, kept, header, skipped.length, plan.missing.length);
  writeFeatureTable(dir, table, { skipped, missing: plan.missing });
  journal.remove();
  return {
    dir,
    encoder: encoder.id,
    dim: encoder.dim,
    rows: table.rows.length,
    encoded,
    reused,
    skipped,
    missing: plan.missing,
    catalogue: plan.catalogue,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Hashes each input (the text, or the image file's bytes); missing files are skipped. */
function hashInputs(inputs: readonly ContentInput[], modality: string, skipped: SkippedInput[], strict: boolean): Planned[] {
  const planned: Planned[] = [];
  for (const input of inputs) {
    if (modality === 'text') {
      planned.push({ ...input, sha256: sha256(input.input) });
      continue;
    }
    if (!existsSync(input.input)) {
      if (strict) throw new Kg4recError('IO_ERROR', `${input.input}: no such image file (for ${input.key})`);
      skipped.push({ key: input.key, origin: input.input, reason: 'no such file' });
      continue;
    }
    planned.push({ ...input, sha256: sha256(readFileSync(input.input)) });
  }
  return planned;
}

type Fittable = TextEncoder & { fit(corpus: readonly string[]): TextEncoder };

/**
 * The encoder fitted on `corpus` where it learns corpus statistics (the hash text encoder's IDF,
 * the word-vector encoder's principal component), else the encoder itself.
 */
export function fittedEncoder(encoder: Encoder, corpus: readonly string[]): Encoder {
  if (encoder.modality !== 'text' || typeof (encoder as Partial<Fittable>).fit !== 'function') return encoder;
  return (encoder as Fittable).fit(corpus);
}

/** The square side an image encoder's preprocessing resizes to. */
export function imageSizeOf(encoder: ImageEncoder): number {
  return (encoder as ImageEncoder & { imageSize?: number }).imageSize ?? CLIP_IMAGE_SIZE;
}

/** Rows of the finished table in `dir` if it was written by this encoder, else 0. */
function storedRows(dir: string, encoder: Encoder): number {
  if (!hasFeatureTable(dir)) return 0;
  const { meta } = readFeatureTable(dir);
  return meta.encoder === encoder.id && meta.dim === encoder.dim ? meta.rows : 0;
}

/** Rows already encoded with this encoder: from the finished table, then the journal over it. */
function keptRows(dir: string, encoder: Encoder, journal: EncodeJournal): Map<string, EncodedRow> {
  const kept = new Map<string, EncodedRow>();
  if (hasFeatureTable(dir)) {
    const table = readFeatureTable(dir);
    if (table.meta.encoder === encoder.id && table.meta.dim === encoder.dim) {
      table.rows.forEach((row, i) => {
        kept.set(row.key, { ...row, values: tableRow(table, i) });
      });
    }
  }
  for (const [key, row] of journal.rows()) kept.set(key, row);
  return kept;
}

async function encodeBatch(encoder: Encoder, batch: readonly Planned[], skipped: SkippedInput[], strict: boolean): Promise<EncodedRow[]> {
  if (encoder.modality === 'text') {
    const values = await (encoder as TextEncoder).encode(batch.map((p) => p.input));
    return batch.map((p, i) => ({ key: p.key, sha256: p.sha256, origin: p.origin, values: values[i] as Float32Array }));
  }
  const size = imageSizeOf(encoder as ImageEncoder);
  const images = await Promise.all(
    batch.map(async (p): Promise<PreprocessedImage | undefined> => {
      try {
        return await preprocessImage(p.input, size);
      } catch (error) {
        if (strict) throw error;
        skipped.push({ key: p.key, origin: p.origin, reason: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    }),
  );
  const readable = batch.filter((_, i) => images[i] !== undefined);
  const values = await (encoder as ImageEncoder).encode(images.filter((image): image is PreprocessedImage => image !== undefined));
  return readable.map((p, i) => ({ key: p.key, sha256: p.sha256, origin: p.origin, values: values[i] as Float32Array }));
}

function assemble(
  planned: readonly Planned[],
  kept: ReadonlyMap<string, EncodedRow>,
  header: { dataset: string; modality: FeatureMeta['modality']; encoder: string; dim: number },
  skipped: number,
  missing: number,
) {
  const rows: FeatureRow[] = [];
  const chosen: EncodedRow[] = [];
  for (const input of planned) {
    const row = kept.get(input.key);
    if (row && row.sha256 === input.sha256) {
      rows.push({ key: row.key, sha256: row.sha256, origin: row.origin });
      chosen.push(row);
    }
  }
  const values = new Float32Array(rows.length * header.dim);
  chosen.forEach((row, i) => {
    values.set(row.values, i * header.dim);
  });
  const meta: FeatureMeta = {
    format: 'kg4rec-features',
    version: 1,
    ...header,
    rows: rows.length,
    sources: { inputs: sha256(rows.map((r) => `${r.key}\t${r.sha256}`).join('\n')) },
    skipped,
    missing,
    createdAt: new Date().toISOString(),
  };
  return { meta, rows, values };
}
