/**
 * A user's list as `recommend` and `serve` build it: the top-k trained items (with each score's
 * split by modality where the model has one), merged with items added after training, ranked.
 */
import { itemTitle } from '@kg4rec/kg';
import type { openSavedRun } from '@kg4rec/trainer';

type SavedRun = Awaited<ReturnType<typeof openSavedRun>>;

/** A scored item of a user's list, known or new. */
export interface Candidate {
  item: string;
  title: string;
  score: number;
  parts?: Record<string, number>;
  /** Added after training. */
  isNew?: boolean;
}

/** A candidate with its place in the list. */
export interface RankedCandidate extends Candidate {
  rank: number;
}

/** The top `k` items by score, skipping `exclude`; ties by item id. */
export function topItems(scores: Float32Array, k: number, exclude: ReadonlySet<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).filter((i) => !exclude.has(i));
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, k);
}

/**
 * `items` of the run's dataset as candidates for `user`, with their modality split where the model
 * has one, and the modalities of that split (none without one).
 */
export async function knownCandidates(
  run: SavedRun,
  user: number,
  scores: Float32Array,
  items: readonly number[],
): Promise<{ candidates: Candidate[]; modalities: string[] }> {
  const { dataset } = run.data;
  const split = await run.model.modalityScores?.(new Int32Array(items.length).fill(user), Int32Array.from(items));
  const candidates = items.map((item, k) => ({
    item: dataset.items.tokenOf(item),
    title: itemTitle(dataset, item),
    score: scores[item] as number,
    ...(split ? { parts: Object.fromEntries(split.map((s) => [s.modality, s.scores[k] as number])) } : {}),
  }));
  return { candidates, modalities: split?.map((s) => s.modality) ?? [] };
}

/** The best `k` of the known and the added candidates, ranked from 1 (known first among ties). */
export function rankedList(known: readonly Candidate[], added: readonly Candidate[], k: number): RankedCandidate[] {
  return [...known, ...added]
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((candidate, j) => ({ rank: j + 1, ...candidate }));
}

/** Why a model whose items are ID rows cannot take an item added after training. */
export const idOnlyModel = (run: SavedRun) =>
  `${run.config.model.name} scores only the items it was trained with (its item rows are ID embeddings); ` +
  'new items need a model whose item rows come from content (multikg4rec)';
