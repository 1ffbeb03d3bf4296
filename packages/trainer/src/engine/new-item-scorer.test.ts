import type { NewItems, NodeFeatures, Recommender } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { coldItemsAsNew, newItemScorer } from './new-item-scorer';

/** Features of 5 nodes, width 2: node n's row is [n, 10 n]; `has` as given. */
const features = (has: number[]): NodeFeatures => ({
  dim: 2,
  values: Float32Array.from({ length: 10 }, (_, k) => (k % 2 === 0 ? k / 2 : 5 * k - 5)),
  has: Uint8Array.from(has),
});

describe('cold-start items as new items', () => {
  const content = { visual: features([1, 1, 1, 0, 1]), text: features([1, 0, 1, 1, 1]) };

  it('keeps the cold items with every modality and copies their rows', () => {
    const { items, features: rows } = coldItemsAsNew(content, Int32Array.of(1, 2, 3, 4));
    expect(Array.from(items)).toEqual([2, 4]);
    expect(rows.count).toBe(2);
    expect(Array.from(rows.visual as Float32Array)).toEqual([2, 20, 4, 40]);
    expect(Array.from(rows.text as Float32Array)).toEqual([2, 20, 4, 40]);
  });

  it("places the model's new-item scores in the cold items' columns", async () => {
    // ŷ(u, new k) = 100 u + the k-th item's first visual value.
    const model = {
      scoreNewItems: async (users: Int32Array, items: NewItems) => ({
        scores: Float32Array.from({ length: users.length * items.count }, (_, j) => {
          const [u, k] = [Math.floor(j / items.count), j % items.count];
          return 100 * (users[u] as number) + ((items.visual as Float32Array)[2 * k] as number);
        }),
      }),
    } as unknown as Recommender;
    const { items, score } = newItemScorer(model, 5, content, Int32Array.of(1, 2, 4));
    expect(Array.from(items)).toEqual([2, 4]);
    expect(Array.from(await score(Int32Array.of(0, 3)))).toEqual([0, 0, 2, 0, 4, 0, 0, 302, 0, 304]);
  });

  it('refuses a model without scoreNewItems', () => {
    expect(() => newItemScorer({} as Recommender, 5, content, Int32Array.of(1))).toThrow(
      'this model scores only the items it was trained with',
    );
  });
});
