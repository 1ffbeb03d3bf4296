import { describe, expect, it } from 'vitest';
import { DatasetBuilder, type Split, splitInteractions } from './index';

/** u0 has 10 interactions at times 10…1, u1 has 2, u2 has 1. */
function dataset(withTimes = true) {
  const builder = new DatasetBuilder();
  const add = (user: string, item: string, time: number) =>
    builder.addInteraction(builder.users.add(user), builder.items.add(item), withTimes ? { timestamp: time } : {});
  for (let i = 0; i < 10; i++) add('u0', `i${i}`, 10 - i);
  add('u1', 'i0', 5);
  add('u1', 'i1', 6);
  add('u2', 'i3', 1);
  return builder.build('toy');
}

const sizes = (split: Split) => [split.train.length, split.valid.length, split.test.length];
const all = (split: Split) => [...split.train, ...split.valid, ...split.test].sort((a, b) => a - b);

describe('splitInteractions', () => {
  it('random: 8:1:1 per user (floor of cumulative shares), every row once, one training row at least', () => {
    const split = splitInteractions(dataset(), { kind: 'random', seed: 1 });
    expect(sizes(split)).toEqual([8 + 1 + 1, 1, 1 + 1]); // u0 8/1/1, u1 1/0/1, u2 1/0/0
    expect(all(split)).toEqual(Array.from({ length: 13 }, (_, i) => i));
  });

  it('coldItems: a seeded share of items held out entirely, every row of theirs in test, for every kind', () => {
    const data = dataset();
    for (const kind of ['random', 'temporal', 'leave-one-out'] as const) {
      const split = splitInteractions(data, { kind, seed: 3, coldItems: 0.2 });
      const cold = new Set(split.coldItems);
      expect(cold.size).toBe(2); // 20 % of the 10 items with interactions
      const itemOf = (row: number) => data.interactions.item[row] as number;
      expect([...split.train, ...split.valid].some((row) => cold.has(itemOf(row)))).toBe(false);
      const coldRows = Array.from(data.interactions.item.keys()).filter((row) => cold.has(itemOf(row)));
      expect(coldRows.every((row) => split.test.includes(row))).toBe(true);
      expect(all(split)).toEqual(Array.from({ length: 13 }, (_, i) => i));
      expect(splitInteractions(data, { kind, seed: 3, coldItems: 0.2 })).toEqual(split);
    }
    expect(splitInteractions(data, { kind: 'random', seed: 3 }).coldItems).toBeUndefined();
    expect(() => splitInteractions(data, { kind: 'random', coldItems: 1 })).toThrow(/coldItems must be a share in \[0, 1\), got 1/);
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = splitInteractions(dataset(), { kind: 'random', seed: 1 });
    expect(splitInteractions(dataset(), { kind: 'random', seed: 1 })).toEqual(a);
    expect(splitInteractions(dataset(), { kind: 'random', seed: 2 }).test).not.toEqual(a.test);
  });

  it('temporal: each user in time order, the latest rows last', () => {
    const split = splitInteractions(dataset(), { kind: 'temporal' });
    expect(Array.from(split.test)).toEqual([0, 11]); // u0's latest is row 0 (time 10); u1's is row 11
    expect(Array.from(split.valid)).toEqual([1]);
  });

  it('leave-one-out: latest is test, the one before is valid', () => {
    const split = splitInteractions(dataset(), { kind: 'leave-one-out' });
    expect(Array.from(split.test)).toEqual([0, 11]);
    expect(Array.from(split.valid)).toEqual([1]);
    expect(sizes(split)).toEqual([8 + 1 + 1, 1, 2]);
  });

  it('refuses temporal without timestamps and given without a given split, and unknown kinds', () => {
    expect(() => splitInteractions(dataset(false), { kind: 'temporal' })).toThrow(/has no timestamps: a temporal split needs them/);
    expect(() => splitInteractions(dataset(), { kind: 'given' })).toThrow(/comes with no split of its own/);
    expect(() => splitInteractions(dataset(), { kind: 'shuffle' as 'random' })).toThrow(
      "unknown split 'shuffle': expected one of 'random', 'leave-one-out', 'temporal', 'given'",
    );
  });

  it('given: keeps the source test rows and carves validation from training rows', () => {
    const builder = new DatasetBuilder();
    for (let i = 0; i < 20; i++) builder.addInteraction(0, i, { given: i < 15 ? 0 : 2 });
    builder.users.add('u');
    for (let i = 0; i < 20; i++) builder.items.add(`i${i}`);
    const split = splitInteractions(builder.build('given'), { kind: 'given', validRatio: 0.2, seed: 3 });
    expect(Array.from(split.test)).toEqual([15, 16, 17, 18, 19]);
    expect(sizes(split)).toEqual([12, 3, 5]);
  });
});
