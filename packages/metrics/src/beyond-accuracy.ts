/**
 * Beyond-accuracy metrics of a whole run's top-k lists (`lists[u]`: user u's recommended items),
 * as in RecBole. `popularity[i]` is item i's number of training interactions.
 */

/** Item coverage = |∪ lists| / numItems: the share of the catalogue ever recommended. */
export function itemCoverage(lists: readonly ArrayLike<number>[], numItems: number): number {
  const seen = new Uint8Array(numItems);
  for (const list of lists) for (let i = 0; i < list.length; i++) seen[list[i] as number] = 1;
  return seen.reduce((a, b) => a + b, 0) / numItems;
}

/** How often each item is recommended. */
export function recommendationCounts(lists: readonly ArrayLike<number>[], numItems: number): Float64Array {
  const counts = new Float64Array(numItems);
  for (const list of lists) for (let i = 0; i < list.length; i++) counts[list[i] as number] = (counts[list[i] as number] as number) + 1;
  return counts;
}

/**
 * Gini index of recommendation counts c (all items, sorted ascending, 1-based j):
 * G = Σ_j (2j − n − 1) c_j / (n Σ_j c_j). 0: every item recommended equally; → 1: all to one item.
 */
export function giniIndex(counts: ArrayLike<number>): number {
  const sorted = Float64Array.from(counts).sort();
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  sorted.forEach((c, j) => {
    weighted += (2 * (j + 1) - n - 1) * c;
  });
  return weighted / (n * total);
}

/** Average popularity = mean over users of the mean training popularity of their recommended items. */
export function averagePopularity(lists: readonly ArrayLike<number>[], popularity: ArrayLike<number>): number {
  const perUser = lists
    .filter((list) => list.length > 0)
    .map((list) => Array.from(list).reduce((a, i) => a + (popularity[i] as number), 0) / list.length);
  return perUser.length === 0 ? 0 : perUser.reduce((a, b) => a + b, 0) / perUser.length;
}

/**
 * The tail: every item outside the most popular `headShare` of the catalogue (default 0.2, the
 * Pareto head), ranked by training popularity with ties to the lower id.
 */
export function tailItems(popularity: ArrayLike<number>, headShare = 0.2): Uint8Array {
  const order = Array.from({ length: popularity.length }, (_, i) => i).sort(
    (a, b) => (popularity[b] as number) - (popularity[a] as number) || a - b,
  );
  const tail = new Uint8Array(popularity.length).fill(1);
  for (const item of order.slice(0, Math.round(headShare * popularity.length))) tail[item] = 0;
  return tail;
}

/** Tail percentage = mean over users of the share of their recommended items in the tail. */
export function tailPercentage(lists: readonly ArrayLike<number>[], tail: Uint8Array): number {
  const perUser = lists
    .filter((list) => list.length > 0)
    .map((list) => Array.from(list).reduce((a, i) => a + (tail[i] as number), 0) / list.length);
  return perUser.length === 0 ? 0 : perUser.reduce((a, b) => a + b, 0) / perUser.length;
}
