/**
 * Top-k selection by a bounded min-heap: O(n log k), never sorting every item. Ties are broken
 * deterministically: a higher score ranks first; between equal scores, the lower item id. Items
 * whose score is −Infinity or NaN (masked) are never selected.
 */

/** True when (scoreA, itemA) ranks above (scoreB, itemB). */
function ranksAbove(scoreA: number, itemA: number, scoreB: number, itemB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && itemA < itemB);
}

/**
 * The ids of the `k` best items of `scores[offset … offset + numItems)`, best first. Fewer than `k`
 * come back when fewer items are selectable.
 */
export function topK(scores: ArrayLike<number>, k: number, numItems = scores.length, offset = 0): Int32Array {
  const heapItems = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  // Once the heap is full, most items fall below its worst entry: `floor` rejects them at once.
  let floor = Number.NEGATIVE_INFINITY;
  for (let item = 0; item < numItems; item++) {
    const score = scores[offset + item] as number;
    if (!(score >= floor) || score === Number.NEGATIVE_INFINITY) continue; // below the heap, masked or NaN
    if (size < k) {
      siftUp(heapItems, heapScores, size++, item, score);
      if (size === k) floor = heapScores[0] as number;
    } else if (k > 0 && ranksAbove(score, item, heapScores[0] as number, heapItems[0] as number)) {
      siftDown(heapItems, heapScores, size, item, score);
      floor = heapScores[0] as number;
    }
  }
  return sortBest(heapItems.subarray(0, size), heapScores.subarray(0, size));
}

/** Inserts at `at` and restores the min-heap (worst on top). */
function siftUp(items: Int32Array, scores: Float64Array, at: number, item: number, score: number): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!ranksAbove(scores[parent] as number, items[parent] as number, score, item)) break;
    items[child] = items[parent] as number;
    scores[child] = scores[parent] as number;
    child = parent;
  }
  items[child] = item;
  scores[child] = score;
}

/** Replaces the top (worst) with a better entry and restores the heap. */
function siftDown(items: Int32Array, scores: Float64Array, size: number, item: number, score: number): void {
  let parent = 0;
  for (;;) {
    let worst = 2 * parent + 1;
    if (worst >= size) break;
    const right = worst + 1;
    if (right < size && ranksAbove(scores[worst] as number, items[worst] as number, scores[right] as number, items[right] as number))
      worst = right;
    if (!ranksAbove(score, item, scores[worst] as number, items[worst] as number)) break;
    items[parent] = items[worst] as number;
    scores[parent] = scores[worst] as number;
    parent = worst;
  }
  items[parent] = item;
  scores[parent] = score;
}

function sortBest(items: Int32Array, scores: Float64Array): Int32Array {
  const order = Array.from(items.keys()).sort((a, b) =>
    ranksAbove(scores[a] as number, items[a] as number, scores[b] as number, items[b] as number) ? -1 : 1,
  );
  return Int32Array.from(order, (i) => items[i] as number);
}
