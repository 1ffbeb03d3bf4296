/**
 * Reading precomputed features (from CLIP in Python, or any other model) keyed by item or entity
 * id: `.npy` (float32/float64/float16, 2-D, C order) with an ids file, CSV/TSV (`id, v1, v2, …`,
 * an optional header), or JSON Lines (`{"id": …, "embedding" | "features" | "vector": [...]}`).
 * Every malformed line is an error naming the file and line.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import { fromFloat16 } from '../onnx/tensors';

/** Features as read: ids in file order, and their rows. */
export interface ImportedFeatures {
  ids: string[];
  dim: number;
  values: Float32Array;
}

/** Formats {@link readFeatureFile} reads. */
export type FeatureFileFormat = 'npy' | 'csv' | 'tsv' | 'jsonl';

/** Options of {@link readFeatureFile}. */
export interface FeatureFileOptions {
  /** Default: from the extension. */
  format?: FeatureFileFormat;
  /** For `.npy`: a file with one id per line, in row order. */
  idsFile?: string;
}

const parseError = (file: string, line: number, message: string) =>
  new Kg4recError('PARSE_ERROR', `${file}:${line}: ${message}`, { details: { file, line } });

/** Reads a feature file; see the module comment for formats. */
export function readFeatureFile(file: string, options: FeatureFileOptions = {}): ImportedFeatures {
  const format = options.format ?? (extname(file).slice(1).toLowerCase() as FeatureFileFormat);
  if (format === 'npy') {
    if (!options.idsFile)
      throw new Kg4recError('INVALID_ARGUMENT', `${file}: a .npy file holds no ids; give an ids file (one id per line, in row order)`);
    return withIds(readNpy(file), readIds(options.idsFile), file, options.idsFile);
  }
  if (format === 'csv' || format === 'tsv') return readDelimited(file, format === 'csv' ? ',' : '\t');
  if (format === 'jsonl') return readJsonLines(file);
  throw new Kg4recError('INVALID_ARGUMENT', `${file}: unknown feature format '${format}'; expected npy, csv, tsv or jsonl`);
}

function readIds(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function withIds(
  matrix: { rows: number; dim: number; values: Float32Array },
  ids: string[],
  file: string,
  idsFile: string,
): ImportedFeatures {
  if (ids.length !== matrix.rows)
    throw new Kg4recError('SHAPE_MISMATCH', `${idsFile}: ${ids.length} ids for the ${matrix.rows} rows of ${file}`);
  checkUnique(ids, idsFile);
  return { ids, dim: matrix.dim, values: matrix.values };
}

function checkUnique(ids: readonly string[], file: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw parseError(file, i + 1, `id '${id}' appears twice`);
    seen.add(id);
  });
}

/** A `.npy` 2-D array (version 1–3 header; `<f4`, `<f8`, `<f2`; C order) as float32. */
export function readNpy(file: string): { rows: number; dim: number; values: Float32Array } {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 6).toString('latin1') !== '\x93NUMPY')
    throw new Kg4recError('PARSE_ERROR', `${file}: not a .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6] ?? 0;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.subarray(start, start + headerLength).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/
    .exec(header)?.[1]
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (!descr || fortran !== 'False' || !shape || shape.length !== 2) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected a 2-D C-order array, got header ${header.trim()}`);
  }
  const [rows, dim] = shape as [number, number];
  const data = bytes.subarray(start + headerLength);
  const width = { '<f4': 4, '<f8': 8, '<f2': 2 }[descr];
  if (!width)
    throw new Kg4recError('PARSE_ERROR', `${file}: dtype '${descr}' unsupported; expected little-endian float32, float64 or float16`);
  if (data.byteLength !== rows * dim * width)
    throw new Kg4recError('PARSE_ERROR', `${file}: ${data.byteLength} data bytes for shape (${rows}, ${dim}) of ${descr}`);
  const copy = new Uint8Array(data);
  const values =
    width === 4
      ? new Float32Array(copy.buffer)
      : width === 8
        ? Float32Array.from(new Float64Array(copy.buffer))
        : fromFloat16(new Uint16Array(copy.buffer));
  return { rows, dim, values };
}

function readDelimited(file: string, delimiter: string): ImportedFeatures {
  const ids: string[] = [];
  const rows: number[][] = [];
  let dim = -1;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '') return;
      const [id = '', ...fields] = line.split(delimiter).map((f) => f.trim());
      const numbers = fields.map(Number);
      if (index === 0 && numbers.some(Number.isNaN)) return; // a header
      if (dim < 0) dim = numbers.length;
      if (id === '' || numbers.length !== dim || numbers.length === 0 || !numbers.every(Number.isFinite)) {
        throw parseError(
          file,
          index + 1,
          `expected an id and ${dim > 0 ? dim : 'some'} finite numbers separated by '${delimiter === '\t' ? '\\t' : delimiter}'`,
        );
      }
      ids.push(id);
      rows.push(numbers);
    });
  return finish(file, ids, rows, dim);
}

function readJsonLines(file: string): ImportedFeatures {
  const ids: string[] = [];
  const rows: number[][] = [];
  let dim = -1;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw parseError(file, index + 1, 'not valid JSON');
      }
      const vector = record.embedding ?? record.features ?? record.vector;
      const id = record.id;
      if ((typeof id !== 'string' && typeof id !== 'number') || !Array.isArray(vector)) {
        throw parseError(file, index + 1, 'expected {"id": …, "embedding" (or "features", "vector"): [numbers]}');
      }
      if (dim < 0) dim = vector.length;
      if (vector.length !== dim || !vector.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw parseError(file, index + 1, `expected ${dim} finite numbers, got ${vector.length} values`);
      }
      ids.push(String(id));
      rows.push(vector as number[]);
    });
  return finish(file, ids, rows, dim);
}

function finish(file: string, ids: string[], rows: number[][], dim: number): ImportedFeatures {
  if (rows.length === 0) throw new Kg4recError('PARSE_ERROR', `${file}: no feature rows`);
  checkUnique(ids, file);
  const values = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => {
    values.set(row, i * dim);
  });
  return { ids, dim, values };
}
