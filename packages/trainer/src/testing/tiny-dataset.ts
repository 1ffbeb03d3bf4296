/**
 * A tiny dataset folder for tests and examples, written in code (RecBole atomic files): users
 * in two taste clusters, each interacting with items of its own half of the catalogue, and a
 * KG that gives each item its half's genre. Small enough for a CLI run in seconds, with a signal
 * graph models can learn.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@kg4rec/core';

/** Options of {@link writeClusteredDataset}. */
export interface ClusteredDatasetOptions {
  /** Users (default 40). */
  users?: number;
  /** Items, an even number (default 40). */
  items?: number;
  /** Interactions per user (default 10). */
  perUser?: number;
  seed?: number;
}

const tsv = (rows: Array<Array<string | number>>) => rows.map((row) => `${row.join('\t')}\n`).join('');

/** Writes the dataset `clustered` as RecBole files into `dir` (created if needed); returns `dir`. */
export function writeClusteredDataset(dir: string, options: ClusteredDatasetOptions = {}): string {
  const { users = 40, items = 40, perUser = 10, seed = 5 } = options;
  const half = items / 2;
  const rng = new Rng(seed);
  const inter: Array<Array<string | number>> = [['user_id:token', 'item_id:token']];
  for (let u = 0; u < users; u++) {
    const own = rng.shuffle(Array.from({ length: half }, (_, k) => (u % 2) * half + k)).slice(0, perUser);
    for (const i of own) inter.push([`u${u}`, `i${i}`]);
  }
  const ids = Array.from({ length: items }, (_, i) => i);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'clustered.inter'), tsv(inter));
  writeFileSync(join(dir, 'clustered.item'), tsv([['item_id:token', 'title:token_seq'], ...ids.map((i) => [`i${i}`, `Item ${i}`])]));
  writeFileSync(join(dir, 'clustered.link'), tsv([['item_id:token', 'entity_id:token'], ...ids.map((i) => [`i${i}`, `e${i}`])]));
  const kg = ids.map((i) => [`e${i}`, 'genre', i < half ? 'g0' : 'g1']);
  writeFileSync(join(dir, 'clustered.kg'), tsv([['head_id:token', 'relation_id:token', 'tail_id:token'], ...kg]));
  return dir;
}
