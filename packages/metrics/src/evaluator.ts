/**
 * Full-ranking evaluation (docs/method.md §6): every item is scored for every evaluated user, the
 * user's training items (and validation items, when scoring the test split) are masked, the top k
 * are selected by partial selection, and each metric is computed per user and averaged over the
 * users that have at least one relevant item. Users are scored in batches through a callback, so
 * the whole user × item matrix never exists and TensorFlow.js is not needed here.
 */
import { Kg4recError } from '@kg4rec/core';
import { averagePopularity, giniIndex, itemCoverage, recommendationCounts, tailItems, tailPercentage } from './beyond-accuracy';
import { coldStartGroup, sparsityGroups, type UserGroup } from './groups';
import { DEFAULT_METRICS, metrics as metricRegistry } from './registry';
import { topK } from './top-k';
import { counts, itemsOf, keepItems, type UserItems } from './user-items';

/** Scores of every item for each user of a batch, row-major [users.length × numItems]. The evaluator overwrites masked entries. */
export type Scorer = (users: Int32Array) => Float32Array | Float64Array | Promise<Float32Array | Float64Array>;

/** Options of {@link evaluateFullRanking}. */
export interface EvaluateOptions {
  numItems: number;
  score: Scorer;
  /** Held-out items per user (the test or validation part). */
  relevant: UserItems;
  /** Training items per user: masked, and the source of popularity and sparsity groups. */
  train: UserItems;
  /** More items to mask (the validation items when scoring test). */
  alsoExclude?: UserItems[];
  /** Cut-offs. Default [20]. */
  ks?: number[];
  /** Metric names from the `metrics` registry. Default all built-in ones. */
  metrics?: string[];
  /** Users scored per call. Default 1024. */
  batchSize?: number;
  /** Cold-start users have at most this many training interactions. Default 5. */
  coldStartMax?: number;
  /**
   * Rank only these items (e.g. cold-start items held out of training): every other item is
   * masked, relevant items outside them are dropped, and only users left with a relevant item
   * are evaluated. Default: every item.
   */
  candidates?: Int32Array;
}

/** Means of every metric (`'recall@20'` …) over a set of users. */
export type Means = Record<string, number>;

/** What {@link evaluateFullRanking} returns. */
export interface Evaluation {
  /** The evaluated users: those with at least one relevant item. */
  users: Int32Array;
  means: Means;
  /** Per-user values aligned with `users`, for significance tests. */
  perUser: Record<string, Float64Array>;
  /** Means by user group: sparsity quartiles and cold-start users. */
  groups: Array<{ name: string; users: number; means: Means }>;
  /** Item coverage, Gini index, average popularity, tail percentage, at each k. */
  beyond: Record<string, number>;
  /** Each evaluated user's top max(ks) items. */
  topItems: Int32Array[];
}

function usersWithRelevant(relevant: UserItems): Int32Array {
  return Int32Array.from(counts(relevant).keys()).filter((u) => (relevant.indptr[u + 1] as number) > (relevant.indptr[u] as number));
}

function mask(scores: Float32Array | Float64Array, row: number, numItems: number, lists: UserItems[], user: number): void {
  for (const list of lists) for (const item of itemsOf(list, user)) scores[row * numItems + item] = Number.NEGATIVE_INFINITY;
}

function maskOutside(scores: Float32Array | Float64Array, row: number, numItems: number, outside: Int32Array): void {
  for (const item of outside) scores[row * numItems + item] = Number.NEGATIVE_INFINITY;
}

/** The items whose flag is not set. */
function unflagged(flags: Uint8Array): Int32Array {
  return Int32Array.from(flags.keys()).filter((item) => flags[item] === 0);
}

function candidateFlags(numItems: number, candidates: Int32Array): Uint8Array {
  const flags = new Uint8Array(numItems);
  candidates.forEach((item, i) => {
    if (!(Number.isInteger(item) && item >= 0 && item < numItems)) {
      throw new Kg4recError('INVALID_ARGUMENT', `candidates[${i}] = ${item} is not an item index in [0, ${numItems})`);
    }
    flags[item] = 1;
  });
  return flags;
}

/** Ranks every evaluated user's items, never those in `outside`, and returns their top lists. */
async function rankAll(options: EvaluateOptions, users: Int32Array, k: number, outside: Int32Array): Promise<Int32Array[]> {
  const { numItems, batchSize = 1024 } = options;
  const masks = [options.train, ...(options.alsoExclude ?? [])];
  const lists: Int32Array[] = [];
  for (let start = 0; start < users.length; start += batchSize) {
    const batch = users.subarray(start, start + batchSize);
    const scores = await options.score(batch);
    if (scores.length !== batch.length * numItems) {
      throw new Kg4recError('SHAPE_MISMATCH', `scorer returned ${scores.length} scores for ${batch.length} users × ${numItems} items`);
    }
    batch.forEach((user, row) => {
      mask(scores, row, numItems, masks, user);
      maskOutside(scores, row, numItems, outside);
      lists.push(topK(scores, k, numItems, row * numItems));
    });
  }
  return lists;
}

function meansOf(perUser: Record<string, Float64Array>, members?: Int32Array): Means {
  const means: Means = {};
  for (const [name, values] of Object.entries(perUser)) {
    const picked = members ? Array.from(members, (i) => values[i] as number) : Array.from(values);
    means[name] = picked.length === 0 ? 0 : picked.reduce((a, b) => a + b, 0) / picked.length;
  }
  return means;
}

function beyondAccuracy(lists: Int32Array[], ks: number[], options: EvaluateOptions): Record<string, number> {
  const popularity = new Float64Array(options.numItems);
  for (const item of options.train.items) popularity[item] = (popularity[item] as number) + 1;
  const tail = tailItems(popularity);
  const beyond: Record<string, number> = {};
  for (const k of ks) {
    const cut = lists.map((list) => list.subarray(0, k));
    beyond[`itemCoverage@${k}`] = itemCoverage(cut, options.numItems);
    beyond[`gini@${k}`] = giniIndex(recommendationCounts(cut, options.numItems));
    beyond[`averagePopularity@${k}`] = averagePopularity(cut, popularity);
    beyond[`tailPercentage@${k}`] = tailPercentage(cut, tail);
  }
  return beyond;
}

function reportGroups(users: Int32Array, perUser: Record<string, Float64Array>, options: EvaluateOptions) {
  const training = counts(options.train);
  const relevant = counts(options.relevant);
  const total = Array.from(users, (u) => (training[u] as number) + (relevant[u] as number));
  const groups: UserGroup[] = [
    ...sparsityGroups(total),
    coldStartGroup(
      Array.from(users, (u) => training[u] as number),
      options.coldStartMax,
    ),
  ];
  return groups.map((group) => ({ name: group.name, users: group.members.length, means: meansOf(perUser, group.members) }));
}

/** Evaluates a scorer by full ranking; see the module comment. */
export async function evaluateFullRanking(given: EvaluateOptions): Promise<Evaluation> {
  const flags = given.candidates ? candidateFlags(given.numItems, given.candidates) : undefined;
  const options = flags ? { ...given, relevant: keepItems(given.relevant, flags) } : given;
  const ks = options.ks ?? [20];
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new Kg4recError('INVALID_ARGUMENT', `ks must be positive integers, got [${ks.join(', ')}]`);
  }
  const metricFns = (options.metrics ?? DEFAULT_METRICS).map((name) => [name, metricRegistry.create(name)] as const);
  const users = usersWithRelevant(options.relevant);
  const topItems = await rankAll(options, users, Math.max(...ks), flags ? unflagged(flags) : new Int32Array(0));
  const perUser: Record<string, Float64Array> = {};
  for (const [name] of metricFns) for (const k of ks) perUser[`${name}@${k}`] = new Float64Array(users.length);
  users.forEach((user, i) => {
    const relevant = new Set(itemsOf(options.relevant, user)); // duplicates count once
    const hits = Uint8Array.from(topItems[i] as Int32Array, (item) => (relevant.has(item) ? 1 : 0));
    for (const [name, metric] of metricFns) {
      for (const k of ks) (perUser[`${name}@${k}`] as Float64Array)[i] = metric(hits, relevant.size, k);
    }
  });
  return {
    users,
    means: meansOf(perUser),
    perUser,
    groups: reportGroups(users, perUser, options),
    beyond: beyondAccuracy(topItems, ks, options),
    topItems,
  };
}
