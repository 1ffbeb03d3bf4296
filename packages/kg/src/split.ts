/**
 * Seeded splits of a dataset's interactions into train / valid / test rows (row indices into
 * `dataset.interactions`), per user as in RecBole:
 * - `random`: shuffle each user's interactions, cut by `ratios` (default 8:1:1, the paper's protocol);
 * - `leave-one-out`: each user's latest interaction is test, the one before valid (by timestamp,
 *   or a seeded shuffle without timestamps);
 * - `temporal`: each user's interactions in time order, cut by `ratios`;
 * - `given`: the source's own train/test (KGAT files), with `validRatio` of each user's training
 *   rows carved out at random for validation (unless the source gives a validation split).
 * A user with at least one interaction always keeps at least one training row (unless all of its
 * items are held out as cold-start items, below).
 *
 * `coldItems` holds out a seeded fraction of the items with interactions entirely, before any of
 * the above: every interaction of theirs goes to test, so no model sees them in training (they
 * stay in the KG and keep their content). `Split.coldItems` lists them.
 */
import { Kg4recError, Rng } from '@kg4rec/core';
import { type Dataset, GIVEN } from './dataset';

/** The split kinds. */
export type SplitKind = 'random' | 'leave-one-out' | 'temporal' | 'given';

/** Options of {@link splitInteractions}. */
export interface SplitOptions {
  kind: SplitKind;
  /** Seed of the shuffles. Default 2025. */
  seed?: number;
  /** Train / valid / test shares for `random` and `temporal`. Default [0.8, 0.1, 0.1]. */
  ratios?: readonly [number, number, number];
  /** For `given`: the share of each user's training rows moved to valid. Default 0.1. */
  validRatio?: number;
  /** The share of items (with interactions) held out as cold-start items: all their rows go to test. Default 0. */
  coldItems?: number;
}

/** Row indices of each part. */
export interface Split {
  train: Int32Array;
  valid: Int32Array;
  test: Int32Array;
  /** The items held out entirely (sorted), when `coldItems` was asked for. */
  coldItems?: Int32Array;
}

type Parts = { train: number[]; valid: number[]; test: number[] };

/** Rows grouped by user, in row order. */
function rowsByUser(dataset: Dataset, rows?: Iterable<number>): number[][] {
  const byUser: number[][] = Array.from({ length: dataset.users.size }, () => []);
  const all = rows ?? dataset.interactions.user.keys();
  for (const row of all) byUser[dataset.interactions.user[row] as number]?.push(row);
  return byUser;
}

/** RecBole's cut: floor of the cumulative shares, with at least one training row. */
function cutByRatios(rows: number[], ratios: readonly [number, number, number], parts: Parts): void {
  const total = ratios[0] + ratios[1] + ratios[2];
  const trainEnd = Math.max(1, Math.floor((ratios[0] / total) * rows.length));
  const validEnd = Math.max(trainEnd, Math.floor(((ratios[0] + ratios[1]) / total) * rows.length));
  parts.train.push(...rows.slice(0, trainEnd));
  parts.valid.push(...rows.slice(trainEnd, validEnd));
  parts.test.push(...rows.slice(validEnd));
}

function byTime(dataset: Dataset, rows: number[]): number[] {
  const time = dataset.interactions.timestamp as Float64Array;
  return [...rows].sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
}

function requireTimestamps(dataset: Dataset, kind: SplitKind): void {
  if (!dataset.interactions.timestamp) {
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `dataset '${dataset.name}' has no timestamps: a ${kind} split needs them (use random or given)`,
    );
  }
}

function leaveOneOut(rows: number[], parts: Parts): void {
  const n = rows.length;
  const keep = Math.max(1, n - 2);
  parts.train.push(...rows.slice(0, keep));
  if (n >= 3) parts.valid.push(rows[n - 2] as number);
  if (n >= 2) parts.test.push(rows[n - 1] as number);
}

function givenSplit(dataset: Dataset, rng: Rng, validRatio: number, parts: Parts, cold: ReadonlySet<number>): void {
  const given = dataset.interactions.given;
  if (!given)
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `dataset '${dataset.name}' comes with no split of its own: use random, leave-one-out or temporal`,
    );
  const hasValid = given.includes(GIVEN.valid);
  const trainRows: number[] = [];
  given.forEach((g, row) => {
    if (cold.has(dataset.interactions.item[row] as number)) parts.test.push(row);
    else if (g === GIVEN.test) parts.test.push(row);
    else if (g === GIVEN.valid) parts.valid.push(row);
    else trainRows.push(row);
  });
  if (hasValid) {
    parts.train.push(...trainRows);
    return;
  }
  for (const rows of rowsByUser(dataset, trainRows)) cutByRatios(rng.shuffle(rows), [1 - validRatio, validRatio, 0], parts);
}

/** A seeded `share` of the items that have interactions (at least one when `share` > 0). */
function pickColdItems(dataset: Dataset, share: number, seed: number): Int32Array {
  if (!(share >= 0 && share < 1)) throw new Kg4recError('INVALID_ARGUMENT', `coldItems must be a share in [0, 1), got ${share}`);
  if (share === 0) return new Int32Array(0);
  const seen = new Uint8Array(dataset.items.size);
  for (const item of dataset.interactions.item) seen[item] = 1;
  const candidates = Array.from(seen.keys()).filter((item) => seen[item] === 1);
  const count = Math.max(1, Math.round(share * candidates.length));
  return Int32Array.from(new Rng(seed).shuffle(candidates).slice(0, count)).sort();
}

/** Every {@link SplitKind}. */
export const SPLIT_KINDS: readonly SplitKind[] = ['random', 'leave-one-out', 'temporal', 'given'];

/** Splits a dataset's interactions; the same options and data always give the same split. */
export function splitInteractions(dataset: Dataset, options: SplitOptions): Split {
  if (!SPLIT_KINDS.includes(options.kind)) {
    throw new Kg4recError(
      'UNKNOWN_NAME',
      `unknown split '${String(options.kind)}': expected one of ${SPLIT_KINDS.map((k) => `'${k}'`).join(', ')}`,
    );
  }
  const rng = new Rng(options.seed ?? 2025);
  const ratios = options.ratios ?? [0.8, 0.1, 0.1];
  const parts: Parts = { train: [], valid: [], test: [] };
  const coldItems = pickColdItems(dataset, options.coldItems ?? 0, (options.seed ?? 2025) + 7919);
  const cold = new Set(coldItems);
  if (options.kind === 'given') givenSplit(dataset, rng, options.validRatio ?? 0.1, parts, cold);
  else {
    if (options.kind === 'temporal') requireTimestamps(dataset, 'temporal');
    const warm: number[] = [];
    dataset.interactions.item.forEach((item, row) => {
      if (cold.has(item)) parts.test.push(row);
      else warm.push(row);
    });
    for (const rows of rowsByUser(dataset, cold.size > 0 ? warm : undefined)) {
      if (options.kind === 'random') cutByRatios(rng.shuffle(rows), ratios, parts);
      else if (options.kind === 'temporal') cutByRatios(byTime(dataset, rows), ratios, parts);
      else leaveOneOut(dataset.interactions.timestamp ? byTime(dataset, rows) : rng.shuffle(rows), parts);
    }
  }
  const sorted = (rows: number[]) => Int32Array.from(rows).sort();
  const split: Split = { train: sorted(parts.train), valid: sorted(parts.valid), test: sorted(parts.test) };
  return cold.size > 0 ? { ...split, coldItems } : split;
}

/** Throws `INVALID_ARGUMENT` unless every row is an interaction row of `dataset`. */
export function assertRows(dataset: Dataset, rows: Int32Array, what: string): void {
  const count = dataset.interactions.user.length;
  const bad = rows.findIndex((row) => row < 0 || row >= count);
  if (bad >= 0) {
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `${what}[${bad}] = ${rows[bad]} is not an interaction row of '${dataset.name}' (0…${count - 1})`,
    );
  }
}
