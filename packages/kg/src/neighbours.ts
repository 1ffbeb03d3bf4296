/**
 * Neighbour sequences for the fusion module (docs/method.md §3): for each item, breadth-first search
 * over the collaborative KG collects up to `length` nodes ordered by hop, the item itself first:
 * `[i, u₁, a₁, …, a₂, …]`. Within a hop, nodes come in increasing node id (items, then other
 * entities, then users), so the sequence does not depend on edge order. Short sequences are
 * padded with −1 and a 0 in the mask.
 */
import { Kg4recError, type NeighbourSequences as ModelSequences } from '@kg4rec/core';
import type { CollaborativeKg } from './ckg';

/** Options of {@link neighbourSequences}. */
export interface NeighbourSequenceOptions {
  /** Sequence length N, the item included. Default 16. */
  length?: number;
  /** Stop after this many hops even if the sequence is short. Default 3. */
  maxHops?: number;
}

/**
 * Row-major `[numItems × length]` sequences, `nodes[i * length + k]`: core's
 * `NeighbourSequences` (what models read) plus each position's hop distance.
 */
export interface NeighbourSequences extends ModelSequences {
  /** Hop distance of each position (0 for the item, 255 for padding). */
  hops: Uint8Array;
}

/** The next hop: unvisited neighbours of `frontier`, sorted by node id, marked visited with `stamp`. */
function nextHop(ckg: CollaborativeKg, frontier: number[], visited: Int32Array, stamp: number): number[] {
  const found: number[] = [];
  for (const node of frontier) {
    for (let e = ckg.indptr[node] as number; e < (ckg.indptr[node + 1] as number); e++) {
      const tail = ckg.tails[e] as number;
      if (visited[tail] === stamp) continue;
      visited[tail] = stamp;
      found.push(tail);
    }
  }
  return found.sort((a, b) => a - b);
}

/** Builds the neighbour sequence of every item of the CKG. */
export function neighbourSequences(ckg: CollaborativeKg, options: NeighbourSequenceOptions = {}): NeighbourSequences {
  const length = options.length ?? 16;
  const maxHops = options.maxHops ?? 3;
  if (!Number.isInteger(length) || length < 1 || !Number.isInteger(maxHops) || maxHops < 0 || maxHops > 254) {
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `neighbourSequences: length must be an integer ≥ 1 and maxHops in 0…254, got ${length} and ${maxHops}`,
    );
  }
  const nodes = new Int32Array(ckg.numItems * length).fill(-1);
  const hops = new Uint8Array(ckg.numItems * length).fill(255);
  const visited = new Int32Array(ckg.numNodes).fill(-1);
  for (let item = 0; item < ckg.numItems; item++) {
    const start = item * length;
    let filled = 0;
    let frontier = [item];
    visited[item] = item;
    for (let hop = 0; hop <= maxHops && filled < length && frontier.length > 0; hop++) {
      for (const node of frontier.slice(0, length - filled)) {
        nodes[start + filled] = node;
        hops[start + filled++] = hop;
      }
      if (filled < length && hop < maxHops) frontier = nextHop(ckg, frontier, visited, item);
    }
  }
  return { length, nodes, hops, mask: Uint8Array.from(nodes, (n) => (n >= 0 ? 1 : 0)) };
}
