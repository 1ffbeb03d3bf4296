/**
 * Presets for the shared datasets (`../shared/data`, or `$KG4REC_DATA`), so that
 * `loadDataset('movielens-100k')` just works: interactions, KG, item metadata, and each item's
 * poster and text where they exist.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistry, Kg4recError, type Registry } from '@kg4rec/core';
import { DatasetBuilder } from './builder';
import { cacheDir, cachedLoad } from './cache';
import { movieContent } from './content';
import { dataRoot } from './data-root';
import { type Dataset, GIVEN } from './dataset';
import { IdMap } from './id-map';
import { readLines } from './io/lines';
import { readIndexMap } from './readers/index-map';
import { readKgat, readUserItemLines } from './readers/kgat';
import { readKgcnLinks, readKgcnTriples } from './readers/kgcn';
import { readMoviesDat } from './readers/movielens';
import { readRecbole } from './readers/recbole';
import type { Strictness } from './report';

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /** See {@link Strictness}. Default `lenient`. */
  strictness?: Strictness;
  /** The data folder. Default: {@link dataRoot}. */
  root?: string;
  /** Use the binary cache (default true), or a cache folder to use instead of {@link cacheDir}'s. */
  cache?: boolean | string;
}

/** How a preset loads, and which files its cache entry depends on. */
export interface Preset {
  load: (root: string, builder: DatasetBuilder) => Promise<Dataset>;
  files: (root: string) => string[];
}

/** Registry of dataset presets; `loadDataset(name)` looks names up here. */
export const datasetPresets: Registry<Preset, Record<string, never>> = createRegistry('dataset preset');

const ML1M_CONTENT = (root: string) => ({
  posterDir: join(root, 'movielens-1m', 'posters'),
  textFile: join(root, 'movielens-1m', 'text', 'llm_item_descriptions.json'),
});

async function loadMovielens100k(root: string, builder: DatasetBuilder): Promise<Dataset> {
  const dir = join(root, 'movielens-100k');
  const dataset = await readRecbole(builder, dir, 'ml-100k');
  const toMovieId = new Map<string, string>();
  for await (const line of readLines(join(dir, 'derived', 'ml100k_item_to_ml1m_movieid.tsv'))) {
    const [item, movieId] = line.text.split('\t');
    if (line.number > 1 && item && movieId) toMovieId.set(item, movieId);
  }
  const content = await movieContent(
    dataset.items.list().map((token) => toMovieId.get(token)),
    ML1M_CONTENT(root),
  );
  return { ...dataset, name: 'movielens-100k', content };
}

async function loadMovielens1m(root: string, builder: DatasetBuilder): Promise<Dataset> {
  const dir = join(root, 'movielens-1m');
  const split = join(dir, 'interactions', 'all_ratings_implicit');
  for (const [base, given] of [
    ['train.txt', GIVEN.train],
    ['test.txt', GIVEN.test],
  ] as const) {
    await readUserItemLines(join(split, base), builder, (user, item) => builder.addInteraction(user, item, { given }));
  }
  builder.users = IdMap.fromTokens(await readIndexMap(join(split, 'user_map.txt')), 'user');
  builder.items = IdMap.fromTokens(await readIndexMap(join(split, 'item_map.txt')), 'item');
  const itemOf = (movieId: string) => builder.items.idOf(movieId);
  await readKgcnTriples(join(dir, 'kg', 'satori_mkr', 'kg.txt'), builder);
  // The Satori KG covers 270 movies that no user rated: counted, not an error even in strict mode.
  await readKgcnLinks(join(dir, 'kg', 'satori_mkr', 'item_index2entity_id.txt'), builder, itemOf, 'count');
  await readMoviesDat(join(dir, 'meta', 'movies.dat'), builder, itemOf);
  const dataset = builder.build('movielens-1m');
  dataset.content = await movieContent(dataset.items.list(), ML1M_CONTENT(root), { catalogue: true });
  return dataset;
}

async function loadMovielens1mKgat(root: string, builder: DatasetBuilder): Promise<Dataset> {
  const dataset = await readKgat(builder, join(root, 'movielens-1m-kgat'), 'movielens-1m-kgat');
  dataset.content = await movieContent(dataset.items.list(), ML1M_CONTENT(root), { catalogue: true });
  return dataset;
}

const inFolder = (root: string, folder: string, names: string[]) => names.map((name) => join(root, folder, name));
const KGAT_FILES = [
  'train.txt',
  'valid.txt',
  'test.txt',
  'kg_final.txt',
  'user_list.txt',
  'item_list.txt',
  'entity_list.txt',
  'relation_list.txt',
];

const PRESETS: Array<[string, string, Preset]> = [
  [
    'movielens-100k',
    'MovieLens-100K (RecBole atomic files) with a Freebase KG; posters and texts through ML-1M',
    {
      load: loadMovielens100k,
      files: (root) => [
        ...inFolder(root, 'movielens-100k', [
          'ml-100k.inter',
          'ml-100k.item',
          'ml-100k.link',
          'ml-100k.kg',
          'ml-100k.user',
          'derived/ml100k_item_to_ml1m_movieid.tsv',
        ]),
        ML1M_CONTENT(root).textFile,
      ],
    },
  ],
  [
    'movielens-1m',
    'MovieLens-1M implicit, fixed train/test, Satori KG, movies.dat metadata, posters and texts',
    {
      load: loadMovielens1m,
      files: (root) => [
        ...inFolder(root, 'movielens-1m/interactions/all_ratings_implicit', ['train.txt', 'test.txt', 'user_map.txt', 'item_map.txt']),
        ...inFolder(root, 'movielens-1m', ['kg/satori_mkr/kg.txt', 'kg/satori_mkr/item_index2entity_id.txt', 'meta/movies.dat']),
        ML1M_CONTENT(root).textFile,
      ],
    },
  ],
  [
    'movielens-1m-kgat',
    "MovieLens-1M in KGAT's format with the Satori KG (the KGAT reference's dataset)",
    { load: loadMovielens1mKgat, files: (root) => [...inFolder(root, 'movielens-1m-kgat', KGAT_FILES), ML1M_CONTENT(root).textFile] },
  ],
  [
    'amazon-book',
    "KGAT's Amazon-Book: train/test and id lists, no triples",
    {
      load: (root, builder) => readKgat(builder, join(root, 'amazon-book'), 'amazon-book'),
      files: (root) => inFolder(root, 'amazon-book', KGAT_FILES),
    },
  ],
];
for (const [name, description, preset] of PRESETS) datasetPresets.register({ name, description, create: () => preset, defaults: {} });

/**
 * Loads a shared dataset by preset name (`movielens-100k`, `movielens-1m`, `movielens-1m-kgat`,
 * `amazon-book`), from the binary cache when its source files are unchanged. An unknown name is
 * an `UNKNOWN_NAME` error listing the presets.
 */
export async function loadDataset(name: string, options: LoadOptions = {}): Promise<Dataset> {
  const preset = datasetPresets.create(name);
  const root = options.root ?? dataRoot();
  if (!existsSync(join(root, name))) {
    // Each preset reads the folder of its own name under the data root.
    throw new Kg4recError(
      'IO_ERROR',
      `preset '${name}': ${join(root, name)} not found; set KG4REC_DATA to the folder holding the shared datasets`,
    );
  }
  const strictness = options.strictness ?? 'lenient';
  const load = () => preset.load(root, new DatasetBuilder(strictness));
  if (options.cache === false) return load();
  const dir = typeof options.cache === 'string' ? options.cache : cacheDir();
  return cachedLoad(preset.files(root), { preset: name, strictness }, load, dir);
}
