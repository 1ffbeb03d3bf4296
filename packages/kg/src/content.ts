import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import type { CatalogueEntry, ItemContent } from './dataset';

/** Where MovieLens-1M's posters and texts live, keyed by MovieID. */
export interface MovieContentSource {
  posterDir: string;
  textFile: string;
}

/**
 * Each item's poster path and text, given each item's MovieLens-1M MovieID (undefined: none).
 * Posters are `posterDir/<MovieID>.jpg` where that file exists (one of them is a PNG: sniff,
 * do not trust the extension); texts come from a `{ "<MovieID>": "…" }` JSON file. With
 * `catalogue`, the movies with a text or poster that are not items come back in `catalogue`.
 */
export async function movieContent(
  movieIds: readonly (string | undefined)[],
  source: MovieContentSource,
  options: { catalogue?: boolean } = {},
): Promise<ItemContent> {
  const texts = await readTexts(source.textFile);
  const content: ItemContent = {
    poster: movieIds.map((id) => (id === undefined ? undefined : posterPath(source.posterDir, id))),
    text: movieIds.map((id) => (id === undefined ? undefined : texts[id])),
  };
  if (options.catalogue) content.catalogue = otherMovies(new Set(movieIds.filter((id) => id !== undefined)), texts, source.posterDir);
  return content;
}

function otherMovies(items: ReadonlySet<string>, texts: Record<string, string>, posterDir: string): CatalogueEntry[] {
  const posters = existsSync(posterDir)
    ? readdirSync(posterDir)
        .filter((f) => f.endsWith('.jpg'))
        .map((f) => f.slice(0, -4))
    : [];
  const tokens = [...new Set([...Object.keys(texts), ...posters])].filter((t) => !items.has(t));
  tokens.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return tokens.map((token) => {
    const poster = posterPath(posterDir, token);
    const text = texts[token];
    return { token, ...(poster ? { poster } : {}), ...(text ? { text } : {}) };
  });
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
