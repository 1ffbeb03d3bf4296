import { describe, expect, it } from 'vitest';
import type { PreprocessedImage } from '../image/preprocess';
import { dot } from '../vectors';
import { fallbackImageFeatures, HashImageEncoder } from './image';
import { HashTextEncoder, textFeatures } from './text';

const norm = (row: Float32Array) => Math.sqrt(dot(row, row));

describe('HashTextEncoder', () => {
  const corpus = [
    'A space opera about rebels fighting an empire among the stars.',
    'Rebels fight the galactic empire in a space opera.',
    'A quiet romance in a small Italian village.',
    'The detective solves a murder in foggy London.',
  ];

  it('gives deterministic unit rows of the asked length', async () => {
    const encoder = new HashTextEncoder({ dim: 64 });
    const [a, b] = await encoder.encode([corpus[0] as string, corpus[0] as string]);
    expect(a).toHaveLength(64);
    expect(Array.from(a as Float32Array)).toEqual(Array.from(b as Float32Array));
    expect(norm(a as Float32Array)).toBeCloseTo(1, 5);
    expect(Array.from((await new HashTextEncoder({ dim: 64 }).encode([corpus[0] as string]))[0] as Float32Array)).toEqual(
      Array.from(a as Float32Array),
    );
  });

  it('puts texts that share words closer than texts that do not', async () => {
    const encoder = new HashTextEncoder().fit(corpus);
    const [opera, rebels, romance] = await encoder.encode(corpus.slice(0, 3));
    expect(dot(opera as Float32Array, rebels as Float32Array)).toBeGreaterThan(dot(opera as Float32Array, romance as Float32Array) + 0.2);
  });

  it('weights a word found in every document below a rare one once fitted', async () => {
    const fitted = new HashTextEncoder({ dim: 4096 }).fit(['the cat', 'the dog', 'the bird']);
    const [row] = await fitted.encode(['the cat']);
    const weightOf = (word: string) => {
      const feature = [...textFeatures(word).keys()][0] as number;
      return Math.abs((row as Float32Array)[feature % 4096] as number);
    };
    expect(weightOf('cat')).toBeGreaterThan(weightOf('the'));
    expect(fitted.id).not.toBe(new HashTextEncoder({ dim: 4096 }).id);
    expect(fitted.id).toBe(new HashTextEncoder({ dim: 4096 }).fit(['the cat', 'the dog', 'the bird']).id);
  });

  it('returns a zero row for a text without words and refuses a bad dim', async () => {
    const [row] = await new HashTextEncoder({ dim: 8 }).encode(['  !!! ']);
    expect(Array.from(row as Float32Array)).toEqual(new Array(8).fill(0));
    expect(() => new HashTextEncoder({ dim: 0 })).toThrow('dim must be a positive integer, got 0');
  });
});

describe('HashImageEncoder', () => {
  const image = (paint: (x: number, y: number) => [number, number, number]): PreprocessedImage => {
    const rgb = new Uint8Array(224 * 224 * 3);
    for (let y = 0; y < 224; y++) for (let x = 0; x < 224; x++) rgb.set(paint(x, y), 3 * (y * 224 + x));
    return { rgb, size: 224 };
  };
  const stripesV = image((x) => (x % 16 < 8 ? [200, 30, 30] : [20, 20, 20]));
  const stripesV2 = image((x) => (x % 16 < 7 ? [190, 40, 30] : [25, 20, 20]));
  const stripesH = image((_, y) => (y % 16 < 8 ? [30, 30, 200] : [230, 230, 230]));

  it('gives deterministic 512-long unit rows', async () => {
    const encoder = new HashImageEncoder();
    const [a, b] = await encoder.encode([stripesV, stripesV]);
    expect(encoder.dim).toBe(512);
    expect(a).toHaveLength(512);
    expect(Array.from(a as Float32Array)).toEqual(Array.from(b as Float32Array));
    expect(norm(a as Float32Array)).toBeCloseTo(1, 5);
  });

  it('puts similar images closer than different ones', () => {
    const [v, v2, h] = [stripesV, stripesV2, stripesH].map(fallbackImageFeatures) as [Float32Array, Float32Array, Float32Array];
    expect(dot(v, v2)).toBeGreaterThan(0.75);
    expect(dot(v, h)).toBeLessThan(dot(v, v2) - 0.3);
  });
});
