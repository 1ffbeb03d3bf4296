/**
 * The weight-free text fallback: hashed word uni- and bigrams and character 3–5-grams, weighted
 * by sublinear TF × IDF, folded by the hashing trick (a signed bucket per feature) into `dim`
 * values, L2-normalised. Deterministic and cheap. It is a fallback, not CLIP: it sees shared
 * words and spellings, not meaning.
 */
import { Kg4recError } from '@kg4rec/core';
import type { TextEncoder } from '../types';
import { l2Normalize } from '../vectors';
import { digestNumbers, fnv1a, mix } from './hashing';

/** Options of {@link HashTextEncoder}. */
export interface HashTextOptions {
  /** Output length. Default 512 (CLIP's). */
  dim?: number;
  /** Character n-gram lengths, inclusive. Default [3, 5]. */
  charNgrams?: [number, number];
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The hashed features of a text, with counts. */
export function textFeatures(text: string, charNgrams: readonly [number, number] = [3, 5]): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const h = fnv1a(feature);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  };
  const words = Array.from(text.normalize('NFKC').toLowerCase().matchAll(WORD), (m) => m[0]);
  words.forEach((word, i) => {
    add(`w ${word}`);
    if (i > 0) add(`b ${words[i - 1]} ${word}`);
    const padded = `<${word}>`;
    for (let n = charNgrams[0]; n <= charNgrams[1]; n++) {
      for (let at = 0; at + n <= padded.length; at++) add(`c ${padded.slice(at, at + n)}`);
    }
  });
  return counts;
}

/** Hashed TF-IDF text features; {@link HashTextEncoder.fit} learns the IDF from a corpus. */
export class HashTextEncoder implements TextEncoder {
  readonly modality = 'text';
  readonly dim: number;
  readonly id: string;
  private readonly charNgrams: [number, number];

  /** `documentFrequency`: in how many of `documents` texts each feature hash occurs (none: IDF 1). */
  constructor(
    options: HashTextOptions = {},
    private readonly documentFrequency?: ReadonlyMap<number, number>,
    private readonly documents = 0,
  ) {
    this.dim = options.dim ?? 512;
    this.charNgrams = options.charNgrams ?? [3, 5];
    const [low, high] = this.charNgrams;
    if (!Number.isInteger(this.dim) || this.dim < 1)
      throw new Kg4recError('INVALID_ARGUMENT', `hash text encoder: dim must be a positive integer, got ${this.dim}`);
    if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 1 && high >= low)) {
      throw new Kg4recError(
        'INVALID_ARGUMENT',
        `hash text encoder: charNgrams must be [low, high] with 1 ≤ low ≤ high, got [${low}, ${high}]`,
      );
    }
    const idf = documentFrequency ? `-idf${digestNumbers(sortedEntries(documentFrequency, documents))}` : '';
    this.id = `hash-text-v1-d${this.dim}-c${low}${high}${idf}`;
  }

  /** A copy of this encoder with IDF learnt from `corpus` (each text counts once per feature). */
  fit(corpus: readonly string[]): HashTextEncoder {
    const frequency = new Map<number, number>();
    for (const text of corpus) {
      for (const feature of textFeatures(text, this.charNgrams).keys()) frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
    }
    return new HashTextEncoder({ dim: this.dim, charNgrams: this.charNgrams }, frequency, corpus.length);
  }

  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.encodeOne(text));
  }

  async dispose(): Promise<void> {}

  private encodeOne(text: string): Float32Array {
    const row = new Float32Array(this.dim);
    for (const [feature, count] of textFeatures(text, this.charNgrams)) {
      const weight = (1 + Math.log(count)) * this.idf(feature);
      const sign = mix(feature) >>> 31 === 1 ? -1 : 1;
      const bucket = feature % this.dim;
      row[bucket] = (row[bucket] as number) + sign * weight;
    }
    return l2Normalize(row);
  }

  /** Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`, as scikit-learn's; 1 when not fitted. */
  private idf(feature: number): number {
    if (!this.documentFrequency) return 1;
    return Math.log((1 + this.documents) / (1 + (this.documentFrequency.get(feature) ?? 0))) + 1;
  }
}

function* sortedEntries(frequency: ReadonlyMap<number, number>, documents: number): Generator<number> {
  yield documents;
  for (const [feature, count] of [...frequency].sort((a, b) => a[0] - b[0])) {
    yield feature;
    yield count;
  }
}
