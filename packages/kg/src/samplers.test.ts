import { Rng } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { buildCollaborativeKg, CfSampler, DatasetBuilder, KgSampler } from './index';

/** 4 users, 30 items; user u likes items u*5 … u*5+4; user 3 likes everything but item 29. */
function dataset() {
  const builder = new DatasetBuilder();
  for (let u = 0; u < 4; u++) builder.users.add(`u${u}`);
  for (let i = 0; i < 30; i++) builder.items.add(`i${i}`);
  for (let u = 0; u < 3; u++) for (let i = u * 5; i < u * 5 + 5; i++) builder.addInteraction(u, i);
  for (let i = 0; i < 29; i++) builder.addInteraction(3, i);
  return builder.build('toy');
}

describe('CfSampler', () => {
  const data = dataset();
  const rows = Int32Array.from(data.interactions.user.keys());

  it.each(['uniform', 'popularity'] as const)('%s: positives are training items and negatives never are', (strategy) => {
    const sampler = new CfSampler(data, rows, new Rng(1), strategy);
    const batch = sampler.sample(2000);
    for (let k = 0; k < 2000; k++) {
      expect(sampler.isPositive(batch.users[k] as number, batch.positives[k] as number)).toBe(true);
      expect(sampler.isPositive(batch.users[k] as number, batch.negatives[k] as number)).toBe(false);
    }
    const user3 = batch.negatives.filter((_, k) => batch.users[k] === 3);
    expect(new Set(user3)).toEqual(new Set([29]));
  });

  it("draws a batch's users without repeats when there are enough (as KGAT's code), and with repeats otherwise", () => {
    const sampler = new CfSampler(data, rows, new Rng(3));
    for (let b = 0; b < 20; b++) expect(new Set(sampler.sample(4).users).size).toBe(4);
    const seen = new Set<number>();
    for (let b = 0; b < 20; b++) for (const u of sampler.sample(3).users) seen.add(u);
    expect(seen.size).toBe(4); // every user still gets drawn
    expect(sampler.sample(9).users).toHaveLength(9);
  });

  it('never draws a hidden (cold-start) item as a negative, and leaves the draws of a sampler without any unchanged', () => {
    const hidden = Int32Array.of(20, 21, 22, 23, 24, 25, 26, 27, 28);
    const batch = new CfSampler(data, rows, new Rng(4), 'uniform', hidden).sample(2000);
    expect(batch.negatives.filter((item) => item >= 20 && item <= 28)).toHaveLength(0);
    expect(new Set(batch.negatives.filter((_, k) => batch.users[k] === 0)).size).toBe(30 - 5 - 9);
    expect(new CfSampler(data, rows, new Rng(6), 'uniform', new Int32Array(0)).sample(50)).toEqual(
      new CfSampler(data, rows, new Rng(6)).sample(50),
    );
  });

  it('is deterministic for a seed', () => {
    expect(new CfSampler(data, rows, new Rng(5)).sample(50)).toEqual(new CfSampler(data, rows, new Rng(5)).sample(50));
  });

  it('popularity draws items in proportion to training count + 1', () => {
    const sampler = new CfSampler(data, rows, new Rng(2), 'popularity');
    const batch = sampler.sample(200_000);
    const counts = new Array<number>(30).fill(0);
    batch.negatives.forEach((item, k) => {
      if (batch.users[k] === 0) counts[item] = (counts[item] ?? 0) + 1; // user 0 may draw items 5…29
    });
    const mean = (from: number, to: number) => counts.slice(from, to + 1).reduce((a, b) => a + b, 0) / (to - from + 1);
    // weights: items 5…14 have 2 + 1 (user 1 or 2, and user 3), items 15…28 have 1 + 1, item 29 has 0 + 1
    expect(mean(5, 14) / mean(29, 29)).toBeGreaterThan(2.7);
    expect(mean(5, 14) / mean(29, 29)).toBeLessThan(3.3);
    expect(mean(15, 28) / mean(29, 29)).toBeGreaterThan(1.8);
    expect(mean(15, 28) / mean(29, 29)).toBeLessThan(2.2);
    expect(mean(0, 4)).toBe(0);
  });
});

describe('KgSampler', () => {
  it('draws real edges and corrupted tails that are not edges', () => {
    const data = dataset();
    const ckg = buildCollaborativeKg(data, Int32Array.from(data.interactions.user.keys()));
    const sampler = new KgSampler(ckg, new Rng(3));
    const batch = sampler.sample(1000);
    for (let k = 0; k < 1000; k++) {
      const [h, r, t, n] = [batch.heads[k], batch.relations[k], batch.tails[k], batch.negativeTails[k]] as number[];
      expect(sampler.hasEdge(h as number, r as number, t as number)).toBe(true);
      expect(sampler.hasEdge(h as number, r as number, n as number)).toBe(false);
    }
  });
});
