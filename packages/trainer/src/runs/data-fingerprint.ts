/**
 * What a run trained on, recorded in its folder (`data.json`) and checked when the run is
 * reopened: a dataset edited since (rows added, removed or changed) would rebuild another split,
 * and `evaluate` would score the model on data it was not trained for.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kg4recError, writeFileAtomic } from '@kg4rec/core';
import type { Dataset } from '@kg4rec/kg';

/** A dataset's sizes and a sha256 of its interactions, triples and id tokens. */
export interface DataFingerprint {
  users: number;
  items: number;
  interactions: number;
  triples: number;
  sha256: string;
}

const bytes = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** The fingerprint of `dataset`. */
export function dataFingerprint(dataset: Dataset): DataFingerprint {
  const hash = createHash('sha256');
  const { interactions, triples } = dataset;
  for (const array of [interactions.user, interactions.item, interactions.given, triples.head, triples.relation, triples.tail])
    if (array) hash.update(bytes(array));
  for (const map of [dataset.users, dataset.items]) hash.update(map.list().join('\n')).update('\u0000');
  return {
    users: dataset.users.size,
    items: dataset.items.size,
    interactions: interactions.user.length,
    triples: triples.head.length,
    sha256: hash.digest('hex'),
  };
}

/** Writes the run's `data.json`. */
export function writeDataFingerprint(out: string, dataset: Dataset): void {
  writeFileAtomic(join(out, 'data.json'), `${JSON.stringify(dataFingerprint(dataset), null, 2)}\n`);
}

/** Checks `dataset` against the run's `data.json` (a run written before it existed is not checked). */
export function checkDataFingerprint(dir: string, dataset: Dataset): void {
  const file = join(dir, 'data.json');
  if (!existsSync(file)) return;
  let saved: DataFingerprint;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as DataFingerprint;
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: cannot read the run's data fingerprint (${String(cause)})`, { cause });
  }
  const now = dataFingerprint(dataset);
  if (saved?.sha256 === now.sha256) return;
  const sizes = (f: Partial<DataFingerprint>) =>
    `${f?.users} users, ${f?.items} items, ${f?.interactions} interactions, ${f?.triples} triples`;
  throw new Kg4recError(
    'INVALID_CONFIG',
    `${dir}: the dataset is not the one this run trained on (then: ${sizes(saved)}; now: ${sizes(now)}); its split and scores would not be the run's: train anew`,
  );
}
