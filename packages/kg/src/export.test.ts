import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFolderAtomic } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import {
  buildCollaborativeKg,
  type Dataset,
  DatasetBuilder,
  dataRoot,
  edgeHeads,
  exportKgat,
  exportRecbole,
  loadDataset,
  loadPath,
  readKgat,
  readRecbole,
  type Split,
  splitInteractions,
} from './index';
import { fixtureDir, TINY_RECBOLE } from './test-support/fixtures';

const target = () => join(tmpdir(), `kg4rec-export-${process.pid}-${Math.random().toString(36).slice(2)}`);

/**
 * Everything a model sees, by tokens so that id order may differ: the CKG's edges as sorted
 * 'head relation tail' (items by item token, other entities by entity token, users by user token)
 * and each part's 'user item' pairs.
 */
function structure(dataset: Dataset, split: Split) {
  const ckg = buildCollaborativeKg(dataset, split.train);
  const otherEntity = new Map<number, string>();
  ckg.entityNode.forEach((node, entity) => {
    if (node >= ckg.numItems) otherEntity.set(node, dataset.entities.tokenOf(entity));
  });
  const node = (n: number) =>
    n < ckg.numItems
      ? `item:${dataset.items.tokenOf(n)}`
      : n < ckg.firstUserNode
        ? `entity:${otherEntity.get(n)}`
        : `user:${dataset.users.tokenOf(n - ckg.firstUserNode)}`;
  const R = ckg.numKgRelations;
  const relation = (r: number): string => (r < R ? dataset.relations.tokenOf(r) : r === R ? 'interact' : `~${relation(r - R - 1)}`);
  const heads = edgeHeads(ckg);
  const edges = Array.from(ckg.tails, (t, e) => `${node(heads[e] as number)} ${relation(ckg.relations[e] as number)} ${node(t)}`).sort();
  const { user, item } = dataset.interactions;
  const pairs = (rows: Int32Array) =>
    Array.from(rows, (r) => `${dataset.users.tokenOf(user[r] as number)} ${dataset.items.tokenOf(item[r] as number)}`).sort();
  return { numNodes: ckg.numNodes, edges, train: pairs(split.train), valid: pairs(split.valid), test: pairs(split.test) };
}

async function roundTrip(dataset: Dataset, split: Split, format: 'kgat' | 'recbole' = 'kgat') {
  const folder = target();
  if (format === 'kgat') exportKgat(dataset, split, folder);
  else exportRecbole(dataset, split, folder);
  const reread =
    format === 'kgat' ? await readKgat(new DatasetBuilder('strict'), folder) : await loadPath(folder, { strictness: 'strict' });
  return { folder, reread, rereadSplit: splitInteractions(reread, { kind: 'given' }) };
}

describe('exportKgat', () => {
  it('round-trips a split of a tiny dataset: identical structures when read back', async () => {
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
    const split = splitInteractions(dataset, { kind: 'random', seed: 4 });
    const { folder, reread, rereadSplit } = await roundTrip(dataset, split);
    expect(readdirSync(folder).sort()).toEqual(
      [
        'entity_list.txt',
        'item_list.txt',
        'kg_final.txt',
        'relation_list.txt',
        'test.txt',
        'train.txt',
        'user_list.txt',
        'valid.txt',
      ].sort(),
    );
    expect(structure(reread, rereadSplit)).toEqual(structure(dataset, split));
    expect(readFileSync(join(folder, 'entity_list.txt'), 'utf8').split('\n').slice(1, 6)).toEqual([
      'm.1 0',
      'm.2 1',
      'm.3 2',
      'i4 3',
      'm.g 4',
    ]);
  });

  it('refuses to overwrite and leaves nothing behind when it fails', async () => {
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
    const split = splitInteractions(dataset, { kind: 'random' });
    const folder = target();
    exportKgat(dataset, split, folder);
    expect(() => exportKgat(dataset, split, folder)).toThrow(/already exists; export into a new folder/);
    const broken = { ...split, train: Int32Array.from([99]) };
    const second = target();
    expect(() => exportKgat(dataset, broken, second)).toThrow("train[0] = 99 is not an interaction row of 'tiny' (0…3)");
    expect(existsSync(second)).toBe(false);
    expect(readdirSync(tmpdir()).filter((name) => name.endsWith('.partial') && name.startsWith(`.${process.pid}-`))).toEqual([]);
  });

  it('writes folders atomically: a failure halfway leaves neither the folder nor a partial one', () => {
    const folder = target();
    expect(() =>
      writeFolderAtomic(folder, (partial) => {
        writeFileSync(join(partial, 'train.txt'), '0 1\n');
        throw new Error('disk full');
      }),
    ).toThrow(/cannot write \(Error: disk full\)/);
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(tmpdir()).filter((name) => name.endsWith('.partial') && name.startsWith(`.${process.pid}-`))).toEqual([]);
  });

  it.skipIf(!existsSync(dataRoot())).each(['kgat', 'recbole'] as const)(
    'round-trips a random 8:1:1 split of MovieLens-100K through %s files',
    async (format) => {
      const dataset = await loadDataset('movielens-100k');
      const split = splitInteractions(dataset, { kind: 'random', seed: 2025 });
      const { reread, rereadSplit } = await roundTrip(dataset, split, format);
      expect(structure(reread, rereadSplit)).toEqual(structure(dataset, split));
    },
  );

  it('round-trips a tiny dataset through RecBole benchmark files, attributes and ratings included', async () => {
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
    const split = splitInteractions(dataset, { kind: 'leave-one-out' });
    const { folder, reread, rereadSplit } = await roundTrip(dataset, split, 'recbole');
    expect(readdirSync(folder).sort()).toEqual([
      'tiny.item',
      'tiny.kg',
      'tiny.link',
      'tiny.test.inter',
      'tiny.train.inter',
      'tiny.valid.inter',
    ]);
    expect(structure(reread, rereadSplit)).toEqual(structure(dataset, split));
    expect(reread.itemAttributes.get('title')).toEqual(dataset.itemAttributes.get('title'));
    expect(Array.from(reread.interactions.rating ?? []).sort()).toEqual(Array.from(dataset.interactions.rating ?? []).sort());
  });
});
