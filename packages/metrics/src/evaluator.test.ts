import { Rng } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { evaluateFullRanking, ndcg, type Scorer, userItems } from './index';

/**
 * 4 users × 6 items. Scores fall with the item id for everyone (item 0 best), except user 2, whose
 * scores rise with it. Training: u0 {0}, u1 {1, 2}, u2 {}, u3 {0}. Test: u0 {1, 4}, u1 {5},
 * u2 {5}, u3 {} (not evaluated). Validation: u0 {2}.
 */
const NUM_ITEMS = 6;
const scoreTable = (user: number, item: number) => (user === 2 ? item : NUM_ITEMS - item);
const scorer: Scorer = (users) =>
  Float64Array.from({ length: users.length * NUM_ITEMS }, (_, i) => scoreTable(users[Math.floor(i / NUM_ITEMS)] as number, i % NUM_ITEMS));
const train = userItems(4, [0, 1, 1, 3], [0, 1, 2, 0]);
const test = userItems(4, [0, 0, 1, 2], [1, 4, 5, 5]);
const valid = userItems(4, [0], [2]);

describe('evaluateFullRanking', () => {
  it('masks training and validation items and computes every metric per user (hand-computed)', async () => {
    const result = await evaluateFullRanking({
      numItems: NUM_ITEMS,
      score: scorer,
      relevant: test,
      train,
      alsoExclude: [valid],
      ks: [2, 3],
    });
    expect(Array.from(result.users)).toEqual([0, 1, 2]);
    // u0 ranks 1, 3, 4, 5 (0 trained, 2 validation): top-3 [1, 3, 4] → hits [1, 0, 1]
    // u1 ranks 0, 3, 4, 5: top-3 [0, 3, 4] → no hit; u2 ranks 5, 4, 3 …: hit at rank 1
    expect(Array.from(result.topItems[0] as Int32Array)).toEqual([1, 3, 4]);
    expect(Array.from(result.perUser['recall@3'] as Float64Array)).toEqual([1, 0, 1]);
    expect(Array.from(result.perUser['recall@2'] as Float64Array)).toEqual([0.5, 0, 1]);
    expect(Array.from(result.perUser['mrr@3'] as Float64Array)).toEqual([1, 0, 1]);
    expect(result.perUser['ndcg@3']?.[0]).toBeCloseTo((1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)), 12);
    expect(result.means['precision@2']).toBeCloseTo((1 / 2 + 0 + 1 / 2) / 3, 12);
    expect(result.means['hit@3']).toBeCloseTo(2 / 3, 12);
    expect(result.beyond['itemCoverage@2']).toBeCloseTo(5 / 6, 12); // {1, 3} ∪ {0, 3} ∪ {5, 4}
  });

  it('breaks ties by item id, and handles k larger than the item count (hand-computed)', async () => {
    const flat: Scorer = (users) => new Float32Array(users.length * NUM_ITEMS).fill(0.5); // every item tied
    const result = await evaluateFullRanking({ numItems: NUM_ITEMS, score: flat, relevant: test, train, ks: [1, 10] });
    // u0 ranks 1, 2, 3, 4, 5 (0 trained): test {1, 4} at ranks 1 and 4; u1 ranks 0, 3, 4, 5: test {5} at 4; u2 ranks 0…5: test {5} at 6
    expect(Array.from(result.topItems[0] as Int32Array)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(result.perUser['mrr@10'] as Float64Array)).toEqual([1, 1 / 4, 1 / 6]);
    expect(Array.from(result.perUser['recall@1'] as Float64Array)).toEqual([0.5, 0, 0]);
    expect(Array.from(result.perUser['precision@10'] as Float64Array)).toEqual([2 / 10, 1 / 10, 1 / 10]);
    expect(result.perUser['ndcg@10']?.[0]).toBeCloseTo((1 + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)), 12);
  });

  it('gives the same result for any batch size, and only ranks evaluated users', async () => {
    const seen: number[] = [];
    const spy: Scorer = (users) => {
      seen.push(...users);
      return scorer(users);
    };
    const one = await evaluateFullRanking({ numItems: NUM_ITEMS, score: spy, relevant: test, train, batchSize: 1 });
    const all = await evaluateFullRanking({ numItems: NUM_ITEMS, score: scorer, relevant: test, train, batchSize: 1024 });
    expect(one.means).toEqual(all.means);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('ranks only the candidate items and evaluates only users with a relevant candidate (hand-computed)', async () => {
    const result = await evaluateFullRanking({
      numItems: NUM_ITEMS,
      score: scorer,
      relevant: test,
      train,
      candidates: Int32Array.of(4, 5),
      ks: [1, 2],
    });
    // relevant among {4, 5}: u0 {4}, u1 {5}, u2 {5}; u0 and u1 rank 4 then 5, u2 ranks 5 then 4
    expect(Array.from(result.users)).toEqual([0, 1, 2]);
    expect(result.topItems.map((list) => Array.from(list))).toEqual([
      [4, 5],
      [4, 5],
      [5, 4],
    ]);
    expect(Array.from(result.perUser['recall@1'] as Float64Array)).toEqual([1, 0, 1]);
    expect(Array.from(result.perUser['mrr@2'] as Float64Array)).toEqual([1, 1 / 2, 1]);
    const onlyFive = await evaluateFullRanking({ numItems: NUM_ITEMS, score: scorer, relevant: test, train, candidates: Int32Array.of(5) });
    expect(Array.from(onlyFive.users)).toEqual([1, 2]); // u0's test items 1 and 4 are not candidates
    expect(onlyFive.means['recall@20']).toBe(1);
    await expect(
      evaluateFullRanking({ numItems: NUM_ITEMS, score: scorer, relevant: test, train, candidates: Int32Array.of(6) }),
    ).rejects.toThrow('candidates[0] = 6 is not an item index in [0, 6)');
  });

  it('reports sparsity groups and cold-start users', async () => {
    const result = await evaluateFullRanking({ numItems: NUM_ITEMS, score: scorer, relevant: test, train, coldStartMax: 1 });
    const cold = result.groups.find((g) => g.name.startsWith('cold-start'));
    expect(cold).toMatchObject({ name: 'cold-start (≤ 1 training interactions)', users: 2 }); // u0 (1) and u2 (0)
    expect(result.groups.filter((g) => g.name.startsWith('sparsity')).reduce((s, g) => s + g.users, 0)).toBe(3);
  });

  it('perfect scores give NDCG 1 and MRR 1; every metric stays in [0, 1] (property, seeded)', async () => {
    const rng = new Rng(4);
    const numUsers = 40;
    const numItems = 30;
    const pairs = Array.from({ length: 300 }, () => [rng.int(numUsers), rng.int(numItems)] as const);
    const relevantPairs = pairs.slice(0, 100);
    const relevant = userItems(
      numUsers,
      relevantPairs.map((p) => p[0]),
      relevantPairs.map((p) => p[1]),
    );
    const trainPairs = pairs.slice(100).filter(([u, i]) => !relevantPairs.some(([ru, ri]) => ru === u && ri === i));
    const training = userItems(
      numUsers,
      trainPairs.map((p) => p[0]),
      trainPairs.map((p) => p[1]),
    );
    const isRelevant = new Set(relevantPairs.map(([u, i]) => u * numItems + i));
    const perfect: Scorer = (users) =>
      Float32Array.from({ length: users.length * numItems }, (_, j) =>
        isRelevant.has((users[Math.floor(j / numItems)] as number) * numItems + (j % numItems)) ? 1 : 0,
      );
    const best = await evaluateFullRanking({ numItems, score: perfect, relevant, train: training, ks: [5, 10] });
    for (const value of [...(best.perUser['ndcg@10'] ?? []), ...(best.perUser['mrr@5'] ?? [])]) expect(value).toBeCloseTo(1, 12);
    const random: Scorer = (users) => Float32Array.from({ length: users.length * numItems }, () => rng.float());
    const noisy = await evaluateFullRanking({ numItems, score: random, relevant, train: training, ks: [1, 5, 50] });
    for (const values of Object.values(noisy.perUser)) for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
    expect(noisy.means['ndcg@5']).toBeLessThan(best.means['ndcg@5'] as number);
  });

  it('rejects a scorer of the wrong shape, bad ks and unknown metric names', async () => {
    const short: Scorer = (users) => new Float32Array(users.length);
    await expect(evaluateFullRanking({ numItems: NUM_ITEMS, score: short, relevant: test, train })).rejects.toThrow(
      'scorer returned 3 scores for 3 users × 6 items',
    );
    await expect(evaluateFullRanking({ numItems: NUM_ITEMS, score: scorer, relevant: test, train, ks: [0] })).rejects.toThrow(
      'ks must be positive integers',
    );
    await expect(evaluateFullRanking({ numItems: NUM_ITEMS, score: scorer, relevant: test, train, metrics: ['auc'] })).rejects.toThrow(
      "unknown metric 'auc': expected one of 'hit', 'map', 'mrr', 'ndcg', 'precision', 'recall'",
    );
  });

  it('uses a metric a user registers', async () => {
    const { metrics } = await import('./index');
    metrics.register({ name: 'ndcg-twice', create: () => (hits, n, k) => 2 * ndcg(hits, n, k), defaults: {} });
    const result = await evaluateFullRanking({
      numItems: NUM_ITEMS,
      score: scorer,
      relevant: test,
      train,
      metrics: ['ndcg', 'ndcg-twice'],
    });
    expect(result.means['ndcg-twice@20']).toBeCloseTo(2 * (result.means['ndcg@20'] as number), 12);
    metrics.unregister('ndcg-twice');
  });
});
