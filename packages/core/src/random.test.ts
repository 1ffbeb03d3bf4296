import { describe, expect, it } from 'vitest';
import { Rng } from './index';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(draws(new Rng(42), 100)).toEqual(draws(new Rng(42), 100));
    expect(draws(new Rng(42), 100)).not.toEqual(draws(new Rng(43), 100));
  });

  it('is pinned: these values must not change between releases (runs must stay reproducible)', () => {
    expect(draws(new Rng(2025), 4)).toMatchInlineSnapshot(`
      [
        3242873931,
        3052759240,
        290932308,
        1076726169,
      ]
    `);
  });

  it('resumes exactly from a saved state', () => {
    const rng = new Rng(7);
    draws(rng, 13);
    rng.normal();
    const resumed = Rng.fromState(rng.state());
    expect(draws(resumed, 50)).toEqual(draws(rng, 50));
  });

  it('draws floats in [0, 1) and unbiased integers in [0, n)', () => {
    const rng = new Rng(1);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
      const k = rng.int(6);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = new Rng(3);
    const xs = Array.from({ length: 50_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it('shuffles to a seeded permutation', () => {
    const a = new Rng(5).shuffle(Int32Array.from({ length: 20 }, (_, i) => i));
    const b = new Rng(5).shuffle(Int32Array.from({ length: 20 }, (_, i) => i));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('forks independent streams deterministically', () => {
    const parent = new Rng(9);
    const child = parent.fork();
    expect(draws(child, 10)).toEqual(draws(new Rng(9).fork(), 10));
    expect(draws(child, 10)).not.toEqual(draws(parent, 10));
  });

  it('rejects seeds, bounds and states it cannot use', () => {
    expect(() => new Rng(Number.NaN)).toThrowError(/finite/);
    expect(() => new Rng(1).int(0)).toThrowError(/integer n/);
    expect(() => Rng.fromState([0, 0, 0, 0])).toThrowError(/all zeros/);
  });
});
