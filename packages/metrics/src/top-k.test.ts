import { Rng } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { topK } from './index';

const sortedTop = (scores: number[], k: number) =>
  scores
    .map((score, item) => ({ score, item }))
    .filter(({ score }) => score > Number.NEGATIVE_INFINITY)
    .sort((a, b) => b.score - a.score || a.item - b.item)
    .slice(0, k)
    .map(({ item }) => item);

describe('topK', () => {
  it('ranks by score, ties to the lower item id', () => {
    expect(Array.from(topK([0.5, 0.9, 0.5, 0.1, 0.9], 4))).toEqual([1, 4, 0, 2]);
  });

  it('never selects masked (−Infinity) or NaN scores, and returns fewer than k when few are left', () => {
    expect(Array.from(topK([Number.NEGATIVE_INFINITY, 2, Number.NaN, 1], 10))).toEqual([1, 3]);
    expect(Array.from(topK([1, 2], 0))).toEqual([]);
  });

  it('reads one row of a batch by offset', () => {
    expect(Array.from(topK([9, 9, 9, 1, 3, 2], 2, 3, 3))).toEqual([1, 2]);
  });

  it('agrees with a full sort on random scores with many ties (property, 200 seeded cases)', () => {
    const rng = new Rng(8);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(60);
      const scores = Array.from({ length: n }, () => (rng.int(5) === 0 ? Number.NEGATIVE_INFINITY : rng.int(8)));
      const k = 1 + rng.int(n + 5);
      expect(Array.from(topK(scores, k))).toEqual(sortedTop(scores, k));
    }
  });

  it('masking an item never changes the order of the others (property)', () => {
    const rng = new Rng(9);
    for (let trial = 0; trial < 100; trial++) {
      const scores = Array.from({ length: 40 }, () => rng.int(10));
      const full = Array.from(topK(scores, 40));
      const masked = rng.int(40);
      const withMask = scores.map((s, i) => (i === masked ? Number.NEGATIVE_INFINITY : s));
      expect(Array.from(topK(withMask, 40))).toEqual(full.filter((item) => item !== masked));
    }
  });
});
