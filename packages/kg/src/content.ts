import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import type { ItemContent } from './dataset';

/** Where MovieLens-1M's posters and texts live, keyed by MovieID. */
export interface MovieContentSource {
  posterDir: string;
  textFile: string;
}

/**
 * Each item's poster path and text, given each item's MovieLens-1M MovieID (undefined: none).
 * Posters are `posterDir/<MovieID>.jpg` where that file exists (one of them is a PNG: sniff,
 * do not trust the extension); texts come from a `{ "<MovieID>": "…" }` JSON file.
 */
export async function movieContent(movieIds: readonly (string | undefined)[], source: MovieContentSource): Promise<ItemContent> {
  const texts = await readTexts(source.textFile);
  return {
    poster: movieIds.map((id) => (id === undefined ? undefined : posterPath(source.posterDir, id))),
    text: movieIds.map((id) => (id === undefined ? undefined : texts[id])),
  };
}

function posterPath(dir: string, movieId: string): string | undefined {
  const path = join(dir, `${movieId}.jpg`);
  return existsSync(path) ? path : undefined;
}

async function readTexts(file: string): Promise<Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected a JSON object of texts by MovieID`, { cause, details: { file } });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected a JSON object of texts by MovieID`, { details: { file } });
  }
  return parsed as Record<string, string>;
}
