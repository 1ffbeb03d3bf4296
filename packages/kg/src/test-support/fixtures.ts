import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Writes `files` (name → text, or bytes) into a fresh temporary folder and returns its path. */
export function fixtureDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg4rec-kg-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), name.endsWith('.gz') && typeof content === 'string' ? gzipSync(content) : content);
  }
  return dir;
}

/** Tab-joins rows of fields into lines, each ending in `\n`. */
export function tsv(...rows: Array<Array<string | number>>): string {
  return rows.map((row) => `${row.join('\t')}\n`).join('');
}

/** A tiny RecBole atomic dataset `tiny`: 3 users, 4 items, a 5-triple KG with a duplicate and a self-loop. */
export const TINY_RECBOLE = {
  'tiny.inter': tsv(
    ['user_id:token', 'item_id:token', 'rating:float', 'timestamp:float'],
    ['u1', 'i1', 5, 100],
    ['u1', 'i2', 3, 200],
    ['u2', 'i2', 4, 150],
    ['u3', 'i4', 1, 300],
  ),
  'tiny.item': tsv(
    ['item_id:token', 'title:token_seq', 'year:token'],
    ['i1', 'One', 1999],
    ['i2', 'Two', 2001],
    ['i3', 'Three', 2003],
    ['i4', 'Four', 2004],
  ),
  'tiny.link': tsv(['item_id:token', 'entity_id:token'], ['i1', 'm.1'], ['i2', 'm.2'], ['i3', 'm.3']),
  'tiny.kg': tsv(
    ['head_id:token', 'relation_id:token', 'tail_id:token'],
    ['m.1', 'film.genre', 'm.g'],
    ['m.2', 'film.genre', 'm.g'],
    ['m.2', 'film.genre', 'm.g'],
    ['m.3', 'film.director', 'm.d'],
    ['m.d', 'film.director', 'm.d'],
  ),
};
