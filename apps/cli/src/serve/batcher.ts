/**
 * Requests that arrive together are scored together: every user asked for within one turn of the
 * event loop goes into one `fullSortScores` call (one propagation over the graph for all of them,
 * instead of one per request).
 */
import type { Recommender } from '@kg4rec/core';

interface Pending {
  user: number;
  resolve: (scores: Float32Array) => void;
  reject: (error: unknown) => void;
}

/** Scores users in batches of the requests pending at the same moment. */
export class ScoreBatcher {
  private pending: Pending[] = [];
  /** How many `fullSortScores` calls were made (for tests and `/health`). */
  calls = 0;

  constructor(
    private readonly model: Recommender,
    private readonly numItems: number,
  ) {}

  /** Every item's score for `user`. */
  score(user: number): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.pending.push({ user, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const users = [...new Set(batch.map((p) => p.user))];
    try {
      this.calls++;
      const scores = await this.model.fullSortScores(Int32Array.from(users));
      for (const p of batch) {
        const row = users.indexOf(p.user);
        p.resolve(scores.slice(row * this.numItems, (row + 1) * this.numItems));
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
