/**
 * KGAT's format: `train.txt` / `test.txt` with one line per user (`user item item …`, remapped
 * dense ids, space-separated), `kg_final.txt` (`head relation tail`, dense ids; items are entities
 * 0…items−1), and optional id lists (`user_list.txt`, `item_list.txt`, `entity_list.txt`,
 * `relation_list.txt`: a header, then `org_id remap_id …`).
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import type { DatasetBuilder } from '../builder';
import { type Dataset, GIVEN } from '../dataset';
import { IdMap } from '../id-map';
import { at, missingOrEmpty, parseId } from '../io/fields';
import { readIdRows } from '../io/id-rows';
import { readLines } from '../io/lines';

/**
 * Reads `user item item …` lines, calling `add(user, item)`; returns the largest user and item ids
 * seen. An empty file is an error unless `allowEmpty` (an empty validation or test part).
 */
export async function readUserItemLines(
  file: string,
  builder: DatasetBuilder,
  add: (user: number, item: number) => void,
  allowEmpty = false,
) {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  let maxUser = -1;
  let maxItem = -1;
  let lines = 0;
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    lines++;
    const ids = line.text
      .trim()
      .split(/\s+/)
      .map((text, i) => parseId(file, line, text, i === 0 ? 'user id' : 'item id', builder.report));
    if (ids.some((id) => id === undefined)) continue;
    const [user, ...items] = ids as number[];
    maxUser = Math.max(maxUser, user as number);
    for (const item of items) {
      maxItem = Math.max(maxItem, item);
      add(user as number, item);
    }
  }
  if (lines === 0 && !allowEmpty) throw missingOrEmpty(file, 'empty');
  return { maxUser, maxItem };
}

/** Reads whitespace-separated `head relation tail` id triples; returns the largest entity and relation ids. */
export async function readIdTriples(file: string, builder: DatasetBuilder) {
  let maxEntity = -1;
  let maxRelation = -1;
  for await (const [h, r, t] of readIdRows(file, builder, ['head', 'relation', 'tail']) as AsyncGenerator<[number, number, number]>) {
    builder.addTriple(h, r, t);
    maxEntity = Math.max(maxEntity, h, t);
    maxRelation = Math.max(maxRelation, r);
  }
  return { maxEntity, maxRelation };
}

/**
 * Reads a KGAT id list: a header line, then `org_id remap_id …`. Returns org ids by remap id;
 * remap ids must be exactly 0…n−1. An org id may hold spaces (Amazon-Book's entity list has
 * titles) or be empty: it is everything before the remap id.
 */
export async function readIdList(file: string): Promise<string[]> {
  const tokens: string[] = [];
  for await (const line of readLines(file)) {
    if (line.number === 1 || line.text.trim() === '') continue;
    const fields = line.text.trimEnd().split(/\s+/); // an empty org id leaves '' first
    const remapAt = fields.indexOf(String(tokens.length), 1);
    if (remapAt < 1) {
      throw new Kg4recError('PARSE_ERROR', `${at(file, line)}: expected 'org_id ${tokens.length}'`, {
        details: { file, line: line.number },
      });
    }
    tokens.push(fields.slice(0, remapAt).join(' '));
  }
  return tokens;
}

/** An id map from a list file when present (and long enough), else the identity over 0…size−1. */
async function idMapFor(file: string, size: number, what: string): Promise<IdMap> {
  if (!existsSync(file)) return IdMap.range(size);
  const tokens = await readIdList(file);
  if (tokens.length < size) {
    throw new Kg4recError('PARSE_ERROR', `${file}: lists ${tokens.length} ${what}s but the data uses ids up to ${size - 1}`, {
      details: { file },
    });
  }
  return IdMap.fromTokens(tokens, what);
}

/**
 * Reads a KGAT-format directory: `train.txt` (required), `test.txt`, `valid.txt` (kg4rec's
 * exports add it; KGAT ignores it), `kg_final.txt` and the id lists when present. Interactions keep the given split; item i is aligned to entity i.
 */
export async function readKgat(builder: DatasetBuilder, directory: string, name = basename(directory)): Promise<Dataset> {
  const file = (base: string) => join(directory, base);
  let maxUser = -1;
  let maxItem = -1;
  for (const [base, given] of [
    ['train.txt', GIVEN.train],
    ['valid.txt', GIVEN.valid],
    ['test.txt', GIVEN.test],
  ] as const) {
    if (base !== 'train.txt' && !existsSync(file(base))) continue;
    const add = (user: number, item: number) => builder.addInteraction(user, item, { given });
    const seen = await readUserItemLines(file(base), builder, add, base !== 'train.txt');
    maxUser = Math.max(maxUser, seen.maxUser);
    maxItem = Math.max(maxItem, seen.maxItem);
  }
  const kg = existsSync(file('kg_final.txt')) ? await readIdTriples(file('kg_final.txt'), builder) : { maxEntity: -1, maxRelation: -1 };
  builder.users = await idMapFor(file('user_list.txt'), maxUser + 1, 'user');
  builder.items = await idMapFor(file('item_list.txt'), maxItem + 1, 'item');
  builder.entities = await idMapFor(file('entity_list.txt'), Math.max(kg.maxEntity + 1, builder.items.size), 'entity');
  builder.relations = await idMapFor(file('relation_list.txt'), kg.maxRelation + 1, 'relation');
  for (let item = 0; item < builder.items.size; item++) builder.link(item, item);
  return builder.build(name);
}
