/**
 * Sentence vectors from pretrained word vectors, by SIF (Arora, Liang & Ma, ICLR 2017): the
 * average of a text's word vectors, each weighted `a / (a + p(w))`, then the projection on the
 * first principal component of the corpus's averages removed. `p(w)` comes from the word's rank
 * in the table (the tables list words by corpus frequency) by Zipf's law,
 * `p(rank r) = 1 / (r · H_V)` with `H_V` the V-th harmonic number; the component is fitted on the
 * corpus being encoded ({@link WordVectorTextEncoder.fit}), so the encoder id names the corpus.
 * Words not in the table are skipped; a text with none gives a zero row.
 */
import { createHash } from 'node:crypto';
import { Kg4recError } from '@kg4rec/core';
import type { TextEncoder } from '../types';
import { dot, l2Normalize } from '../vectors';
import type { WordVectorSource, WordVectorTable } from './word-vector-table';

/** Options of {@link WordVectorTextEncoder}. */
export interface WordVectorOptions {
  /** SIF's `a`. Default 1e-3. */
  a?: number;
  /** Remove the first principal component of the fitted corpus. Default true. */
  removeComponent?: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const EULER_GAMMA = 0.5772156649;
const POWER_STEPS = 200;

/** A text's lower-cased words, as the tables spell them. */
export function words(text: string): string[] {
  return Array.from(text.normalize('NFKC').toLowerCase().matchAll(WORD), (m) => m[0]);
}

/** SIF's weighted average of a text's word vectors (not normalised). */
function weightedAverage(table: WordVectorTable, weights: Float32Array, text: string): Float32Array {
  const row = new Float32Array(table.dim);
  let count = 0;
  for (const word of words(text)) {
    const at = table.index.get(word);
    if (at === undefined) continue;
    const weight = weights[at] as number;
    const base = at * table.dim;
    for (let d = 0; d < table.dim; d++) row[d] = (row[d] as number) + weight * (table.vectors[base + d] as number);
    count++;
  }
  if (count > 0) for (let d = 0; d < table.dim; d++) row[d] = (row[d] as number) / count;
  return row;
}

/** `a / (a + p(w))` per row of the table, with Zipf's `p` from the rank. */
function sifWeights(table: WordVectorTable, a: number): Float32Array {
  const size = table.words.length;
  const harmonic = Math.log(size) + EULER_GAMMA + 1 / (2 * size);
  return Float32Array.from({ length: size }, (_, rank) => a / (a + 1 / ((rank + 1) * harmonic)));
}

/** The first right singular vector of the rows (power iteration on `XᵀX`, a fixed start). */
export function firstComponent(rows: readonly Float32Array[], dim: number): Float32Array {
  const gram = new Float64Array(dim * dim);
  for (const row of rows) {
    for (let i = 0; i < dim; i++) {
      const ri = row[i] as number;
      if (ri === 0) continue;
      for (let j = 0; j < dim; j++) gram[i * dim + j] = (gram[i * dim + j] as number) + ri * (row[j] as number);
    }
  }
  let vector = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  for (let step = 0; step < POWER_STEPS; step++) {
    const next = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += (gram[i * dim + j] as number) * (vector[j] as number);
      next[i] = sum;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) return new Float32Array(dim);
    vector = next.map((v) => v / norm);
  }
  return Float32Array.from(vector);
}

function removeProjection(row: Float32Array, component: Float32Array): Float32Array {
  const projection = dot(row, component);
  for (let d = 0; d < row.length; d++) row[d] = (row[d] as number) - projection * (component[d] as number);
  return row;
}

/** SIF sentence vectors over a {@link WordVectorSource}; `fit` a corpus before encoding. */
export class WordVectorTextEncoder implements TextEncoder {
  readonly modality = 'text';
  readonly dim: number;
  readonly id: string;
  private readonly a: number;
  private readonly removeComponent: boolean;
  private fitted: Promise<{ table: WordVectorTable; weights: Float32Array; component: Float32Array | undefined }> | undefined;

  /** `corpus`: the texts the principal component is fitted on (see {@link WordVectorTextEncoder.fit}). */
  constructor(
    private readonly source: WordVectorSource,
    options: WordVectorOptions = {},
    private readonly corpus?: readonly string[],
  ) {
    this.a = options.a ?? 1e-3;
    this.removeComponent = options.removeComponent ?? true;
    if (!(this.a > 0)) throw new Kg4recError('INVALID_ARGUMENT', `word-vectors encoder: a must be positive, got ${this.a}`);
    this.dim = source.dim;
    const fittedOn = this.removeComponent && corpus ? `-pc${corpusDigest(corpus)}` : this.removeComponent ? '-pc0' : '';
    this.id = `word-vectors-sif-v1-${source.id}-a${this.a}${fittedOn}`;
  }

  /** A copy whose principal component is fitted on `corpus` (the table loads on first encode). */
  fit(corpus: readonly string[]): WordVectorTextEncoder {
    return new WordVectorTextEncoder(this.source, { a: this.a, removeComponent: this.removeComponent }, [...corpus]);
  }

  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { table, weights, component } = await this.prepare();
    return texts.map((text) => {
      const row = weightedAverage(table, weights, text);
      return l2Normalize(component ? removeProjection(row, component) : row);
    });
  }

  async dispose(): Promise<void> {}

  private prepare() {
    this.fitted ??= this.source.load().then((table) => {
      if (table.dim !== this.dim)
        throw new Kg4recError('SHAPE_MISMATCH', `word vectors '${this.source.id}': said ${this.dim} values per word, loaded ${table.dim}`);
      const weights = sifWeights(table, this.a);
      const corpus = this.corpus ?? [];
      const component =
        this.removeComponent && corpus.length > 1
          ? firstComponent(
              corpus.map((text) => weightedAverage(table, weights, text)),
              table.dim,
            )
          : undefined;
      return { table, weights, component };
    });
    return this.fitted;
  }
}

function corpusDigest(corpus: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of corpus) hash.update(text).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}
