/**
 * KGCN / MKR knowledge graphs: `kg.txt` (`head<TAB>relation<TAB>tail`, entity indices and
 * relation names) and `item_index2entity_id.txt` (`item<TAB>entity index`, one per linked item).
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatasetBuilder } from '../builder';
import type { Dataset } from '../dataset';
import { IdMap } from '../id-map';
import { at, missingOrEmpty, splitFields } from '../io/fields';
import { readIdRows } from '../io/id-rows';
import { readLines } from '../io/lines';
import { readIdTriples } from './kgat';
import { readRatings } from './ratings';

/** Reads `kg.txt` triples into the builder's entity and relation maps. */
export async function readKgcnTriples(file: string, builder: DatasetBuilder): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  const { entities, relations } = builder;
  for await (const line of readLines(file)) {
    if (line.text === '') continue;
    const fields = splitFields(file, line, '\t', 3, builder.report);
    if (!fields) continue;
    const [head, relation, tail] = fields as [string, string, string];
    builder.addTriple(entities.add(head), relations.add(relation), entities.add(tail));
  }
}

/**
 * Reads `item_index2entity_id.txt`, aligning items to entities. `itemOf` maps the file's item
 * token to an item id; undefined means the item is not in the data: an `unknownLinkId` problem
 * (an error in strict mode), or, with `unknownItems: 'count'`, only counted (a KG that covers
 * more movies than were rated, as MovieLens-1M's does).
 */
export async function readKgcnLinks(
  file: string,
  builder: DatasetBuilder,
  itemOf: (token: string) => number | undefined,
  unknownItems: 'problem' | 'count' = 'problem',
): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  for await (const line of readLines(file)) {
    if (line.text === '') continue;
    const fields = splitFields(file, line, '\t', 2, builder.report);
    if (!fields) continue;
    const [itemToken, entityToken] = fields as [string, string];
    const item = itemOf(itemToken);
    if (item === undefined) {
      const message = `${at(file, line)}: item '${itemToken}' is not in the interactions`;
      if (unknownItems === 'count') builder.report.count('unknownLinkId', 1, message);
      else builder.report.problem('unknownLinkId', message, { file, line: line.number });
      continue;
    }
    builder.link(item, builder.entities.add(entityToken));
  }
}

/** Reads KGCN/MKR `ratings_final.txt` (`user<TAB>item<TAB>label`, dense ids): label 1 rows are interactions. */
export async function readKgcnRatings(file: string, builder: DatasetBuilder): Promise<{ maxUser: number; maxItem: number }> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  let maxUser = -1;
  let maxItem = -1;
  for await (const [user, item, label] of readIdRows(file, builder, ['user id', 'item id', 'label']) as AsyncGenerator<
    [number, number, number]
  >) {
    maxUser = Math.max(maxUser, user);
    maxItem = Math.max(maxItem, item);
    if (label === 1) builder.addInteraction(user, item);
    else builder.report.count('negativeLabel');
  }
  return { maxUser, maxItem };
}

/** The raw rating files KGCN/MKR start from: MovieLens-1M, Book-Crossing, Last.FM. */
const RAW_RATINGS = ['ratings.dat', 'ratings.csv', 'ratings.txt', 'BX-Book-Ratings.csv', 'user_artists.dat'];

/**
 * Reads a KGCN/MKR folder. Raw (`kg.txt` with entity and relation names, a rating file, and
 * `item_index2entity_id.txt` mapping original item ids to KG entities), or preprocessed
 * (`ratings_final.txt` with label-1 rows as interactions, `kg_final.txt` with dense ids where
 * item i is entity i, and `item_index2entity_id.txt` whose line i names item i's original id).
 */
export async function readKgcn(builder: DatasetBuilder, directory: string, name = basename(directory)): Promise<Dataset> {
  const raw = RAW_RATINGS.map((file) => join(directory, file)).find((file) => existsSync(file));
  if (!existsSync(join(directory, 'ratings_final.txt')) && raw && existsSync(join(directory, 'kg.txt'))) {
    await readRatings(raw, builder);
    await readKgcnTriples(join(directory, 'kg.txt'), builder);
    await readKgcnLinks(join(directory, 'item_index2entity_id.txt'), builder, (item) => builder.items.idOf(item), 'count');
    return builder.build(name);
  }
  const { maxUser, maxItem } = await readKgcnRatings(join(directory, 'ratings_final.txt'), builder);
  const kgFile = join(directory, 'kg_final.txt');
  const kg = existsSync(kgFile) ? await readIdTriples(kgFile, builder) : { maxEntity: -1, maxRelation: -1 };
  const mapping = join(directory, 'item_index2entity_id.txt');
  const itemTokens = existsSync(mapping) ? await firstColumn(mapping) : [];
  builder.users = IdMap.range(maxUser + 1);
  builder.items = IdMap.fromTokens([
    ...itemTokens,
    ...Array.from({ length: Math.max(0, maxItem + 1 - itemTokens.length) }, (_, i) => `${itemTokens.length + i}`),
  ]);
  builder.entities = IdMap.range(Math.max(kg.maxEntity + 1, builder.items.size));
  builder.relations = IdMap.range(kg.maxRelation + 1);
  for (let item = 0; item < builder.items.size; item++) builder.link(item, item);
  return builder.build(name);
}

async function firstColumn(file: string): Promise<string[]> {
  const tokens: string[] = [];
  for await (const line of readLines(file)) if (line.text.trim() !== '') tokens.push(line.text.trim().split(/\s+/)[0] as string);
  return tokens;
}
