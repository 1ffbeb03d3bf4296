import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cachedLoad,
  type Dataset,
  DatasetBuilder,
  dataRoot,
  deserializeDataset,
  loadDataset,
  readKgat,
  readRecbole,
  serializeDataset,
} from './index';
import { fixtureDir, TINY_RECBOLE } from './test-support/fixtures';

/** Deep equality, with typed arrays compared as bytes (vitest's toEqual is slow on a million entries). */
function expectSameDataset(actual: Dataset, expected: Dataset) {
  const bytes = (array: ArrayBufferView | undefined) =>
    array ? Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64') : undefined;
  const arrays = (d: Dataset) =>
    [d.interactions.user, d.interactions.item, d.interactions.given, d.triples.head, d.triples.relation, d.triples.tail, d.itemEntity].map(
      bytes,
    );
  expect(arrays(actual)).toEqual(arrays(expected));
  const rest = (d: Dataset) => ({ ...d, interactions: {}, triples: {}, itemEntity: [] });
  expect(rest(actual)).toEqual(rest(expected));
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'kg4rec-cache-'));

describe('dataset cache', () => {
  it('round-trips every field through bytes', async () => {
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
    dataset.content = { poster: ['/p/1.jpg', undefined, undefined, undefined], text: [undefined, 'two', undefined, undefined] };
    const copy = deserializeDataset(serializeDataset(dataset));
    expect(copy).toEqual(dataset);
    expect(copy.report.get('duplicateTriple')).toBe(1);
    const kgat = await readKgat(new DatasetBuilder(), fixtureDir({ 'train.txt': '0 0 1\n', 'test.txt': '0 2\n' }));
    expect(deserializeDataset(serializeDataset(kgat))).toEqual(kgat);
  });

  it('loads once per set of file contents and options, and reloads when a file changes', async () => {
    const dir = fixtureDir(TINY_RECBOLE);
    const cache = freshDir();
    const files = Object.keys(TINY_RECBOLE).map((name) => join(dir, name));
    let loads = 0;
    const load = () => {
      loads++;
      return readRecbole(new DatasetBuilder(), dir, 'tiny');
    };
    const first = await cachedLoad(files, { strict: false }, load, cache);
    expect(await cachedLoad(files, { strict: false }, load, cache)).toEqual(first);
    expect(loads).toBe(1);
    await cachedLoad(files, { strict: true }, load, cache);
    expect(loads).toBe(2);
    writeFileSync(join(dir, 'tiny.inter'), 'user_id:token\titem_id:token\nu9\ti9\n');
    expect((await cachedLoad(files, { strict: false }, load, cache)).users.list()).toEqual(['u9']);
    expect(loads).toBe(3);
    expect(readdirSync(cache).every((name) => name.endsWith('.kg4rec'))).toBe(true);
  });

  it('rejects bytes that are not a cache entry, and rebuilds a corrupt entry', async () => {
    expect(() => deserializeDataset(new Uint8Array([1, 2, 3]), 'x.kg4rec')).toThrow('x.kg4rec: not a kg4rec dataset cache (bad magic)');
    const dir = fixtureDir(TINY_RECBOLE);
    const cache = freshDir();
    const files = [join(dir, 'tiny.inter')];
    const load = () => readRecbole(new DatasetBuilder(), dir, 'tiny');
    await cachedLoad(files, {}, load, cache);
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry as string), 'garbage');
    expect((await cachedLoad(files, {}, load, cache)).users.size).toBe(3);
  });

  it.skipIf(!existsSync(dataRoot()))('gives the same MovieLens-1M from the cache as from the files', async () => {
    const cache = freshDir();
    const parsed = await loadDataset('movielens-1m', { cache });
    const cached = await loadDataset('movielens-1m', { cache });
    expectSameDataset(cached, parsed);
    expectSameDataset(await loadDataset('movielens-1m', { cache: false }), parsed);
  });
});
