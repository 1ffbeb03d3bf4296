/**
 * Seeded samplers for training batches, as typed arrays ready to become tensors:
 * - CF (BPR): a user with training interactions, one of their training items, and a negative item
 *   they did not interact with in training, drawn uniformly or by training popularity (count + 1,
 *   so that an item nobody chose can still be drawn);
 * - KG (TransR, KGAT-style): a head with edges, one of its (relation, tail) edges, and a corrupted
 *   tail t' such that (head, relation, t') is not an edge.
 */
import { Kg4recError, type Rng } from '@kg4rec/core';
import { type CollaborativeKg, toCsr } from './ckg';
import type { Dataset } from './dataset';

/** How negative items are drawn. */
export type NegativeStrategy = 'uniform' | 'popularity';

/** A BPR batch: `users[k]` prefers `positives[k]` over `negatives[k]`. */
export interface CfBatch {
  users: Int32Array;
  positives: Int32Array;
  negatives: Int32Array;
}

/** A TransR batch: (heads, relations, tails) are edges; (heads, relations, negativeTails) are not. */
export interface KgBatch {
  heads: Int32Array;
  relations: Int32Array;
  tails: Int32Array;
  negativeTails: Int32Array;
}

const MAX_TRIES = 1000;

/**
 * `count` entries of `pool`: distinct when the pool has that many (a partial Fisher–Yates shuffle
 * of the pool, in place), else drawn independently. KGAT's code draws a batch's users and heads
 * this way (`random.sample`). The pool is left as it was.
 */
function swap(values: Int32Array, a: number, b: number): void {
  const held = values[a] as number;
  values[a] = values[b] as number;
  values[b] = held;
}

function drawFrom(pool: Int32Array, count: number, rng: Rng): Int32Array {
  const drawn = new Int32Array(count);
  if (count > pool.length) {
    for (let k = 0; k < count; k++) drawn[k] = pool[rng.int(pool.length)] as number;
    return drawn;
  }
  const swaps = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const j = k + rng.int(pool.length - k);
    swaps[k] = j;
    swap(pool, k, j);
    drawn[k] = pool[k] as number;
  }
  // Undo the swaps: the pool's order is not part of the sampler's state (a checkpoint saves the generator only).
  for (let k = count - 1; k >= 0; k--) swap(pool, k, swaps[k] as number);
  return drawn;
}

/** Draws BPR batches from a dataset's training rows. */
export class CfSampler {
  private readonly indptr: Int32Array;
  private readonly items: Int32Array;
  private readonly activeUsers: Int32Array;
  private readonly popularity: Float64Array | undefined;
  private readonly hidden: Uint8Array | undefined;

  /**
   * `hidden` items are never drawn as negatives: the cold-start items a split holds out, which a
   * real system would not know of at training time.
   */
  constructor(
    private readonly dataset: Dataset,
    trainRows: Int32Array,
    private readonly rng: Rng,
    strategy: NegativeStrategy = 'uniform',
    hidden?: Int32Array,
  ) {
    const { user, item } = dataset.interactions;
    const users = Int32Array.from(trainRows, (row) => user[row] as number);
    const items = Int32Array.from(trainRows, (row) => item[row] as number);
    const csr = toCsr(dataset.users.size, users, items, items);
    this.indptr = csr.indptr;
    this.items = csr.tails;
    for (let u = 0; u < dataset.users.size; u++) this.items.subarray(csr.indptr[u], csr.indptr[u + 1]).sort();
    this.activeUsers = Int32Array.from(dataset.users.list().keys()).filter(
      (u) => (csr.indptr[u + 1] as number) > (csr.indptr[u] as number),
    );
    if (this.activeUsers.length === 0)
      throw new Kg4recError('INVALID_ARGUMENT', `CfSampler: '${dataset.name}' has no training interactions`);
    this.popularity = strategy === 'popularity' ? cumulativeCounts(items, dataset.items.size) : undefined;
    this.hidden = hidden && hidden.length > 0 ? flags(hidden, dataset.items.size) : undefined;
  }

  /** True when `user` interacted with `item` in training (binary search over the user's sorted items). */
  isPositive(user: number, item: number): boolean {
    let lo = this.indptr[user] as number;
    let hi = (this.indptr[user + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.items[mid] as number;
      if (value === item) return true;
      if (value < item) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** A batch of `size` (user, positive, negative) triples; its users are distinct when there are at least `size`. */
  sample(size: number): CfBatch {
    const batch = { users: new Int32Array(size), positives: new Int32Array(size), negatives: new Int32Array(size) };
    const users = drawFrom(this.activeUsers, size, this.rng);
    for (let k = 0; k < size; k++) {
      const user = users[k] as number;
      const start = this.indptr[user] as number;
      batch.users[k] = user;
      batch.positives[k] = this.items[start + this.rng.int((this.indptr[user + 1] as number) - start)] as number;
      batch.negatives[k] = this.negativeFor(user);
    }
    return batch;
  }

  private negativeFor(user: number): number {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const item = this.popularity ? drawCumulative(this.popularity, this.rng) : this.rng.int(this.dataset.items.size);
      if (!this.isPositive(user, item) && this.hidden?.[item] !== 1) return item;
    }
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `CfSampler: user '${this.dataset.users.tokenOf(user)}' has no item left to draw as a negative`,
    );
  }
}

function flags(items: Int32Array, size: number): Uint8Array {
  const set = new Uint8Array(size);
  for (const item of items) set[item] = 1;
  return set;
}

/** Cumulative (count + 1) of each item: Laplace-smoothed popularity. */
function cumulativeCounts(items: Int32Array, numItems: number): Float64Array {
  const cumulative = new Float64Array(numItems).fill(1);
  for (const item of items) cumulative[item] = (cumulative[item] as number) + 1;
  for (let i = 1; i < numItems; i++) cumulative[i] = (cumulative[i] as number) + (cumulative[i - 1] as number);
  return cumulative;
}

function drawCumulative(cumulative: Float64Array, rng: Rng): number {
  const target = rng.float() * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Draws TransR batches from the edges of a collaborative KG (or any CSR of the same shape). */
export class KgSampler {
  private readonly heads: Int32Array;

  constructor(
    private readonly ckg: CollaborativeKg,
    private readonly rng: Rng,
  ) {
    this.heads = Int32Array.from({ length: ckg.numNodes }, (_, h) => h).filter(
      (h) => (ckg.indptr[h + 1] as number) > (ckg.indptr[h] as number),
    );
    if (this.heads.length === 0) throw new Kg4recError('INVALID_ARGUMENT', 'KgSampler: the graph has no edges');
  }

  /** True when (head, relation, tail) is an edge. */
  hasEdge(head: number, relation: number, tail: number): boolean {
    for (let e = this.ckg.indptr[head] as number; e < (this.ckg.indptr[head + 1] as number); e++) {
      if (this.ckg.tails[e] === tail && this.ckg.relations[e] === relation) return true;
    }
    return false;
  }

  /** A batch of `size` edges with a corrupted tail each; its heads are distinct when there are at least `size`. */
  sample(size: number): KgBatch {
    const batch = {
      heads: new Int32Array(size),
      relations: new Int32Array(size),
      tails: new Int32Array(size),
      negativeTails: new Int32Array(size),
    };
    const heads = drawFrom(this.heads, size, this.rng);
    for (let k = 0; k < size; k++) {
      const head = heads[k] as number;
      const start = this.ckg.indptr[head] as number;
      const edge = start + this.rng.int((this.ckg.indptr[head + 1] as number) - start);
      batch.heads[k] = head;
      batch.relations[k] = this.ckg.relations[edge] as number;
      batch.tails[k] = this.ckg.tails[edge] as number;
      batch.negativeTails[k] = this.corruptTail(head, batch.relations[k] as number);
    }
    return batch;
  }

  private corruptTail(head: number, relation: number): number {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const tail = this.rng.int(this.ckg.numNodes);
      if (!this.hasEdge(head, relation, tail)) return tail;
    }
    throw new Kg4recError('INVALID_ARGUMENT', `KgSampler: node ${head} has no tail left to corrupt relation ${relation} with`);
  }
}
