/**
 * A synthetic collaborative KG the size of MovieLens-1M's (shared/data/movielens-1m): 6,040 users,
 * 3,260 items, 801,218 training interactions and 20,782 Satori triples over 7,008 entities, each
 * edge also inverted (KGAT). Item popularity and user activity are Zipf-like, as in the real data.
 * Synthetic so the benchmark runs anywhere; the kg package's loader can replace it.
 */
import { Rng } from '../src/index';

export const ML1M = { users: 6_040, items: 3_260, entities: 7_008, interactions: 801_218, triples: 20_782 };

/** COO edges of the graph: rows are heads (targets of messages), cols are tails. */
export interface Workload {
  rows: Int32Array;
  cols: Int32Array;
  numNodes: number;
}

function zipfSampler(rng: Rng, size: number, exponent: number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += 1 / (i + 1) ** exponent;
    cumulative[i] = total;
  }
  return () => {
    const target = rng.float() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Builds the graph, scaled by `fraction` (1 = full size) in edges and nodes alike. */
export function ml1mSizedGraph(seed: number, fraction = 1): Workload {
  const rng = new Rng(seed);
  const users = Math.max(2, Math.round(ML1M.users * fraction));
  const entities = Math.max(2, Math.round(Math.max(ML1M.entities, ML1M.items) * fraction));
  const items = Math.max(1, Math.round(ML1M.items * fraction));
  const pairs = Math.round(ML1M.interactions * fraction);
  const triples = Math.round(ML1M.triples * fraction);
  const rows = new Int32Array(2 * (pairs + triples));
  const cols = new Int32Array(rows.length);
  const item = zipfSampler(rng, items, 0.9);
  const user = zipfSampler(rng, users, 0.6);
  let e = 0;
  const addBoth = (head: number, tail: number) => {
    rows[e] = head;
    cols[e++] = tail;
    rows[e] = tail;
    cols[e++] = head;
  };
  for (let i = 0; i < pairs; i++) addBoth(entities + user(), item());
  for (let i = 0; i < triples; i++) addBoth(rng.int(items), items + rng.int(entities - items));
  return { rows, cols, numNodes: entities + users };
}
