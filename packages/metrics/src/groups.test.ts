import { describe, expect, it } from 'vitest';
import { coldStartGroup, sparsityGroups } from './index';

describe('user groups', () => {
  it("groups users by interaction count into parts of about a quarter of all interactions (KGAT's --report)", () => {
    const counts = [3, 1, 1, 6, 2, 1, 1, 2, 1, 2, 3, 1]; // total 24: 6 users × 1, 3 × 2, 2 × 3, 1 × 6
    const groups = sparsityGroups(counts, 4);
    expect(groups.map((g) => Array.from(g.members))).toEqual([[1, 2, 5, 6, 8, 11], [4, 7, 9], [0, 10], [3]]);
    expect(groups[0]?.name).toBe('sparsity 1/4 (≤ 1 interactions per user)');
    expect(groups[3]?.name).toBe('sparsity 4/4 (≤ 6 interactions per user)');
  });

  it('keeps users with equal counts together and puts the rest in a last group', () => {
    const groups = sparsityGroups([1, 1, 1, 1, 10], 4); // total 14: the four 1s (4 ≥ 14 / 4) close the first group
    expect(groups.map((g) => Array.from(g.members))).toEqual([[0, 1, 2, 3], [4]]);
  });

  it('cold-start: users with at most the given training interactions', () => {
    expect(Array.from(coldStartGroup([0, 7, 3, 5, 6], 5).members)).toEqual([0, 2, 3]);
  });
});
