import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataRoot, datasetPresets, inspectDataset, loadDataset } from './index';

/** Counts from ../shared/data/README.md and each folder's MANIFEST.md. */
const EXPECTED = {
  'movielens-100k': {
    stats: {
      users: 943,
      items: 1682,
      interactions: 100_000,
      triples: 91_631,
      relations: 24,
      entities: 34_628,
      linkedItems: 1598,
      itemsWithPoster: 1620,
    },
  },
  'movielens-1m': {
    stats: { users: 6040, items: 3260, interactions: 998_539, triples: 20_782, relations: 7, linkedItems: 2077, itemsWithText: 3260 },
    split: { train: 801_218, test: 197_321 },
  },
  'movielens-1m-kgat': {
    stats: { triples: 20_195, relations: 7, entities: 6729, items: 2347, linkedItems: 2347 },
    split: { train: 301_509, test: 75_375, trainUsers: 6035, testUsers: 5891 },
  },
  'amazon-book': {
    stats: { users: 70_679, items: 24_915, triples: 0 },
    split: { train: 652_514, test: 193_920 },
  },
} as const;

const root = (() => {
  try {
    return dataRoot();
  } catch {
    return undefined;
  }
})();

it('lists the four shared presets', () => {
  expect(datasetPresets.list()).toEqual(Object.keys(EXPECTED).sort());
});

describe.skipIf(root === undefined || !existsSync(root))('presets on the shared data', () => {
  it.each(Object.entries(EXPECTED))('%s reproduces the documented counts', async (name, expected) => {
    const stats = inspectDataset(await loadDataset(name, { cache: false }));
    expect(stats).toMatchObject(expected.stats);
    if ('split' in expected) expect(stats.givenSplit).toMatchObject(expected.split);
  });

  it('movielens-100k reaches ML-1M posters and texts through the derived map', async () => {
    const dataset = await loadDataset('movielens-100k', { cache: false });
    const toyStory = dataset.items.idOf('1') as number;
    expect(dataset.itemAttributes.get('movie_title')?.[toyStory]).toBe('Toy Story');
    expect(dataset.content?.poster[toyStory]).toMatch(/movielens-1m\/posters\/1\.jpg$/);
    expect(dataset.content?.text[toyStory]).toMatch(/^"Toy Story \(1995\)"/);
  });

  it.each(Object.keys(EXPECTED))('%s also loads in strict mode', async (name) => {
    await expect(loadDataset(name, { cache: false, strictness: 'strict' })).resolves.toBeDefined();
  });

  it('movielens-1m reads movies.dat (ISO-8859-1) titles, years and genres', async () => {
    const dataset = await loadDataset('movielens-1m', { cache: false });
    const item = dataset.items.idOf('1') as number;
    expect(dataset.itemAttributes.get('title')?.[item]).toBe('Toy Story');
    expect(dataset.itemAttributes.get('year')?.[item]).toBe('1995');
    expect(dataset.itemAttributes.get('genres')?.[item]).toBe("Animation|Children's|Comedy");
    const accented = dataset.itemAttributes.get('title')?.find((title) => title?.includes('é'));
    expect(accented).toBeDefined();
  });

  it('movielens-1m lists the movies that are not items, with their content, as its catalogue', async () => {
    const dataset = await loadDataset('movielens-1m', { cache: false });
    const catalogue = dataset.content?.catalogue ?? [];
    const items = new Set(dataset.items.list());
    expect(catalogue.some((entry) => items.has(entry.token))).toBe(false);
    const posters = dataset.content?.poster.filter(Boolean).length ?? 0;
    const texts = dataset.content?.text.filter(Boolean).length ?? 0;
    // The shared data: 3,872 posters and 3,883 descriptions, one of them (MovieID 1122) empty.
    expect(posters + catalogue.filter((e) => e.poster).length).toBe(3872);
    expect(texts + catalogue.filter((e) => e.text).length).toBe(3882);
  });
});

it('says where it looked and what to set when the data folder is missing', async () => {
  await expect(loadDataset('movielens-100k', { root: '/nonexistent/data' })).rejects.toThrow(
    "preset 'movielens-100k': /nonexistent/data/movielens-100k not found; set KG4REC_DATA to the folder holding the shared datasets",
  );
});

it('rejects an unknown preset, listing the valid ones', async () => {
  await expect(loadDataset('movielens-10m')).rejects.toThrow(
    "unknown dataset preset 'movielens-10m': expected one of 'amazon-book', 'movielens-100k', 'movielens-1m', 'movielens-1m-kgat'",
  );
});
