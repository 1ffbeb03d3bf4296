/**
 * MovieLens as GroupLens ships it: ML-100K's `u.data` (`user<TAB>item<TAB>rating<TAB>timestamp`)
 * with `u.item` (`item|title|date|video date|URL|19 genre flags`, ISO-8859-1), and ML-1M's
 * `ratings.dat` (`UserID::MovieID::Rating::Timestamp`) with `movies.dat`. With no KG of their own,
 * genres and years become triples (see `attributeTriples`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { attributeTriples } from '../attributes';
import type { DatasetBuilder } from '../builder';
import type { Dataset } from '../dataset';
import { splitFields } from '../io/fields';
import { readLines } from '../io/lines';
import { readMoviesDat } from './movielens';
import { readRatings } from './ratings';

const ML100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/** Reads `u.item` titles, years and genre flags for known items. */
async function readUItem(file: string, builder: DatasetBuilder): Promise<void> {
  for await (const line of readLines(file, 'latin1')) {
    if (line.text === '') continue;
    const fields = splitFields(file, line, '|', 5 + ML100K_GENRES.length, builder.report);
    const item = fields && builder.items.idOf(fields[0] as string);
    if (!fields || item === undefined) continue;
    const match = /^(.*) \((\d{4})\)$/.exec((fields[1] as string).trim());
    builder.setAttribute('title', item, match ? (match[1] as string) : (fields[1] as string));
    if (match) builder.setAttribute('year', item, match[2] as string);
    builder.setAttribute('genres', item, ML100K_GENRES.filter((_, g) => fields[5 + g] === '1').join('|'));
  }
}

/** Reads a raw MovieLens folder (ML-100K's `u.data` or ML-1M's `ratings.dat`); genres and years become the KG. */
export async function readMovielensRaw(builder: DatasetBuilder, directory: string, name: string): Promise<Dataset> {
  if (existsSync(join(directory, 'u.data'))) {
    await readRatings(join(directory, 'u.data'), builder, '\t');
    if (existsSync(join(directory, 'u.item'))) await readUItem(join(directory, 'u.item'), builder);
  } else {
    await readRatings(join(directory, 'ratings.dat'), builder, '::');
    const movies = join(directory, 'movies.dat');
    if (existsSync(movies)) await readMoviesDat(movies, builder, (id) => builder.items.idOf(id));
  }
  if (builder.itemAttributes.has('genres')) attributeTriples(builder, 'genres', { separator: '|' });
  if (builder.itemAttributes.has('year')) attributeTriples(builder, 'year');
  return builder.build(name);
}
