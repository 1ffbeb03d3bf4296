/**
 * Accuracy metrics of one user's ranked list, as pure functions of `hits` (hits[i] = 1 when the
 * item at rank i + 1 is relevant, else 0; the list may be shorter than k when fewer items could be
 * ranked), the number of relevant items |R| and the cut-off k. Definitions: docs/method.md §6 and
 * RecBole's. A user with |R| = 0 scores 0 everywhere; the evaluator leaves such users out.
 */

/** Relevant items within the first k ranks. */
function hitsAt(hits: ArrayLike<number>, k: number): number {
  let count = 0;
  for (let i = 0; i < Math.min(k, hits.length); i++) count += hits[i] as number;
  return count;
}

/** Recall@k = |top-k ∩ R| / |R|. */
export function recall(hits: ArrayLike<number>, numRelevant: number, k: number): number {
  return numRelevant === 0 ? 0 : hitsAt(hits, k) / numRelevant;
}

/** Precision@k = |top-k ∩ R| / k (k, not the list length: RecBole's convention). */
export function precision(hits: ArrayLike<number>, numRelevant: number, k: number): number {
  return numRelevant === 0 ? 0 : hitsAt(hits, k) / k;
}

/** Hit@k = 1 if any relevant item is in the top k, else 0. */
export function hit(hits: ArrayLike<number>, numRelevant: number, k: number): number {
  return numRelevant === 0 ? 0 : hitsAt(hits, k) > 0 ? 1 : 0;
}

/** MRR@k = 1 / rank of the first relevant item in the top k, 0 if none. */
export function mrr(hits: ArrayLike<number>, numRelevant: number, k: number): number {
  if (numRelevant === 0) return 0;
  for (let i = 0; i < Math.min(k, hits.length); i++) if (hits[i] === 1) return 1 / (i + 1);
  return 0;
}

/**
 * NDCG@k = DCG@k / IDCG@k with binary relevance, DCG@k = Σ_{i=1..k} rel_i / log2(i + 1), and the
 * standard ideal IDCG@k = Σ_{i=1..min(|R|, k)} 1 / log2(i + 1): the best DCG any list could reach.
 * (KGAT computes the ideal from the predicted list's own hits, which inflates NDCG; not this.)
 */
export function ndcg(hits: ArrayLike<number>, numRelevant: number, k: number): number {
  if (numRelevant === 0) return 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, hits.length); i++) if (hits[i] === 1) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(numRelevant, k); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** MAP@k = (1 / min(|R|, k)) Σ_{i=1..k} Precision@i · rel_i (RecBole's average precision). */
export function map(hits: ArrayLike<number>, numRelevant: number, k: number): number {
  if (numRelevant === 0) return 0;
  let found = 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, hits.length); i++) {
    if (hits[i] !== 1) continue;
    found++;
    sum += found / (i + 1);
  }
  return sum / Math.min(numRelevant, k);
}

/** A per-user accuracy metric. */
export type AccuracyMetric = (hits: ArrayLike<number>, numRelevant: number, k: number) => number;
