import { describe, expect, it } from 'vitest';
import { hit, map, mrr, ndcg, precision, recall } from './index';

const log2 = Math.log2;
const all = (hits: number[], numRelevant: number, k: number) => ({
  recall: recall(hits, numRelevant, k),
  precision: precision(hits, numRelevant, k),
  hit: hit(hits, numRelevant, k),
  mrr: mrr(hits, numRelevant, k),
  ndcg: ndcg(hits, numRelevant, k),
  map: map(hits, numRelevant, k),
});

/** KGAT's NDCG (metrics.py): the ideal DCG is computed from the predicted list's own hits, sorted. */
function kgatNdcg(hits: number[], k: number): number {
  const dcg = (r: number[]) => r.slice(0, k).reduce((s, rel, i) => s + (2 ** rel - 1) / log2(i + 2), 0);
  const ideal = dcg([...hits].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(hits) / ideal;
}

describe('accuracy metrics, hand-computed', () => {
  it('two hits at ranks 1 and 3 of 5, three relevant items', () => {
    const m = all([1, 0, 1, 0, 0], 3, 5);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.precision).toBeCloseTo(2 / 5, 12);
    expect(m.hit).toBe(1);
    expect(m.mrr).toBe(1);
    expect(m.ndcg).toBeCloseTo((1 + 1 / log2(4)) / (1 + 1 / log2(3) + 1 / log2(4)), 12);
    expect(m.map).toBeCloseTo((1 / 1 + 2 / 3) / 3, 12);
  });

  it('fewer relevant items than k, and k larger than the item count (a short list)', () => {
    const m = all([0, 1], 1, 3); // only 2 items could be ranked
    expect(m).toEqual({ recall: 1, precision: 1 / 3, hit: 1, mrr: 1 / 2, ndcg: 1 / log2(3), map: 1 / 2 });
  });

  it('a hit beyond k does not count', () => {
    expect(all([0, 0, 1], 2, 2)).toEqual({ recall: 0, precision: 0, hit: 0, mrr: 0, ndcg: 0, map: 0 });
  });

  it('a user with no relevant item scores 0 (the evaluator leaves such users out)', () => {
    expect(all([0, 0], 0, 2)).toEqual({ recall: 0, precision: 0, hit: 0, mrr: 0, ndcg: 0, map: 0 });
  });

  it('ideal DCG uses min(|R|, k) positions: more relevant items than k', () => {
    expect(ndcg([1, 1], 5, 2)).toBe(1);
    expect(map([1, 1], 5, 2)).toBe(1);
    expect(recall([1, 1], 5, 2)).toBeCloseTo(0.4, 12);
  });

  it("differs from KGAT's NDCG, which divides by the predicted list's own ideal (and so inflates)", () => {
    const hits = [0, 0, 1];
    expect(kgatNdcg(hits, 3)).toBeCloseTo(0.5, 12); // (1 / log2 4) / (1 / log2 2)
    expect(ndcg(hits, 3, 3)).toBeCloseTo(1 / log2(4) / (1 + 1 / log2(3) + 1 / log2(4)), 12); // ≈ 0.2346
    expect(kgatNdcg(hits, 3)).toBeGreaterThan(ndcg(hits, 3, 3));
    expect(kgatNdcg([1, 0, 0], 3)).toBe(1); // one hit at rank 1 is "perfect" for KGAT even with 3 relevant items
    expect(ndcg([1, 0, 0], 3, 3)).toBeLessThan(1);
  });
});
