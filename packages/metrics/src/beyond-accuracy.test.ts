import { describe, expect, it } from 'vitest';
import { averagePopularity, giniIndex, itemCoverage, recommendationCounts, tailItems, tailPercentage } from './index';

describe('beyond-accuracy metrics, hand-computed', () => {
  const lists = [
    [0, 1],
    [0, 2],
    [0, 1],
  ];

  it('coverage and recommendation counts', () => {
    expect(itemCoverage(lists, 5)).toBeCloseTo(3 / 5, 12);
    expect(Array.from(recommendationCounts(lists, 5))).toEqual([3, 2, 1, 0, 0]);
  });

  it('Gini index: 0 when equal, (2j − n − 1)-weighted otherwise', () => {
    expect(giniIndex([2, 2, 2, 2])).toBe(0);
    expect(giniIndex([0, 0, 0, 4])).toBeCloseTo(0.75, 12); // (2·4 − 4 − 1)·4 / (4·4)
    expect(giniIndex([3, 2, 1, 0, 0])).toBeCloseTo((-4 * 0 + -2 * 0 + 0 * 1 + 2 * 2 + 4 * 3) / (5 * 6), 12);
    expect(giniIndex([0, 0])).toBe(0);
  });

  it('average popularity and tail percentage', () => {
    const popularity = [10, 5, 1, 0, 0];
    expect(averagePopularity(lists, popularity)).toBeCloseTo(((10 + 5) / 2 + (10 + 1) / 2 + (10 + 5) / 2) / 3, 12);
    const tail = tailItems(popularity, 0.2); // head: the top 1 of 5 items (item 0)
    expect(Array.from(tail)).toEqual([0, 1, 1, 1, 1]);
    expect(tailPercentage(lists, tail)).toBeCloseTo(0.5, 12);
  });
});
