/**
 * Progress of an interrupted `encode`, kept beside the table it will become
 * (`<table dir>.partial/`): a header naming the encoder, then chunks of encoded rows, each written
 * whole (values first, then its row list, both through a rename). A chunk without its row list,
 * or whose sizes disagree, is ignored; so a crash loses at most the batch in flight.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFolder, Kg4recError, writeFileAtomic } from '@kg4rec/core';
import type { FeatureRow } from './table';

/** What a journal was started for; resuming with anything else is refused. */
export interface JournalHeader {
  dataset: string;
  modality: string;
  encoder: string;
  dim: number;
}

/** An encoded row. */
export interface EncodedRow extends FeatureRow {
  values: Float32Array;
}

const HEADER = 'journal.json';

/** The journal of one table being encoded. */
export class EncodeJournal {
  private chunks: number;

  private constructor(
    readonly dir: string,
    readonly header: JournalHeader,
    private readonly done: Map<string, EncodedRow>,
  ) {
    this.chunks = readdirSync(dir).filter((f) => f.endsWith('.tsv')).length;
  }

  /**
   * Opens the journal at `dir`, or starts one. A journal started with another encoder or dim is
   * an error, unless `restart` discards it.
   */
  static open(dir: string, header: JournalHeader, restart = false): EncodeJournal {
    if (restart) rmSync(dir, { recursive: true, force: true });
    const headerFile = join(dir, HEADER);
    if (existsSync(headerFile)) {
      const saved = readHeader(headerFile);
      if (JSON.stringify(saved) !== JSON.stringify(header)) {
        throw new Kg4recError(
          'INVALID_ARGUMENT',
          `${dir}: an interrupted encode of ${saved.dataset}/${saved.modality} with encoder ${saved.encoder} (dim ${saved.dim}) is here, not ${header.encoder} (dim ${header.dim}); pass --restart to discard it`,
        );
      }
      return new EncodeJournal(dir, header, readChunks(dir, header.dim));
    }
    ensureFolder(dir);
    writeFileAtomic(headerFile, `${JSON.stringify(header)}\n`);
    return new EncodeJournal(dir, header, new Map());
  }

  /** Rows encoded so far, by key. */
  rows(): ReadonlyMap<string, EncodedRow> {
    return this.done;
  }

  /** Saves a batch of encoded rows as one chunk. */
  append(rows: readonly EncodedRow[]): void {
    if (rows.length === 0) return;
    const name = `chunk-${String(this.chunks).padStart(6, '0')}`;
    const values = new Float32Array(rows.length * this.header.dim);
    rows.forEach((row, i) => {
      if (row.values.length !== this.header.dim)
        throw new Kg4recError('SHAPE_MISMATCH', `row ${row.key}: ${row.values.length} values, expected ${this.header.dim}`);
      values.set(row.values, i * this.header.dim);
    });
    writeFileAtomic(join(this.dir, `${name}.f32`), new Uint8Array(values.buffer));
    writeFileAtomic(
      join(this.dir, `${name}.tsv`),
      rows.map((r) => `${r.key}\t${r.sha256}\t${r.origin.replace(/[\t\n]/g, ' ')}\n`).join(''),
    );
    this.chunks++;
    for (const row of rows) this.done.set(row.key, row);
  }

  /** Deletes the journal (once its rows are in the table). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function readChunks(dir: string, dim: number): Map<string, EncodedRow> {
  const done = new Map<string, EncodedRow>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()) {
    const valuesFile = join(dir, file.replace(/\.tsv$/, '.f32'));
    if (!existsSync(valuesFile)) continue;
    const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
    const bytes = readFileSync(valuesFile);
    if (bytes.byteLength !== lines.length * dim * 4) continue;
    const values = new Float32Array(lines.length * dim);
    new Uint8Array(values.buffer).set(bytes);
    lines.forEach((line, i) => {
      const [key = '', sha256 = '', origin = ''] = line.split('\t');
      done.set(key, { key, sha256, origin, values: values.subarray(i * dim, (i + 1) * dim) });
    });
  }
  return done;
}

/** An interrupted encode's header; a damaged one is a `PARSE_ERROR` naming the file. */
function readHeader(file: string): JournalHeader {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JournalHeader;
  } catch (cause) {
    throw new Kg4recError(
      'PARSE_ERROR',
      `${file}: cannot read an interrupted encode's header (${String(cause)}); pass --restart to discard it`,
      {
        cause,
      },
    );
  }
}
