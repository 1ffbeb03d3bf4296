import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCollaborativeKg,
  type Dataset,
  DatasetBuilder,
  dataRoot,
  edgeHeads,
  exportKgat,
  loadDataset,
  readKgat,
  readRecbole,
  type Split,
  splitInteractions,
  writeFolderAtomic,
} from './index';
import { fixtureDir, TINY_RECBOLE } from './test-support/fixtures';

const target = () => join(tmpdir(), `kg4rec-export-${process.pid}-${Math.random().toString(36).slice(2)}`);

/** Everything a model sees: id lists, the CKG's edges as sorted (head, relation, tail), and each part's (user, item) pairs. */
function structure(dataset: Dataset, split: Split) {
  const ckg = buildCollaborativeKg(dataset, split.train);
  const heads = edgeHeads(ckg);
  const edges = Array.from(ckg.tails, (t, e) => `${heads[e]} ${ckg.relations[e]} ${t}`).sort();
  const pairs = (rows: Int32Array) => Array.from(rows, (r) => `${dataset.interactions.user[r]} ${dataset.interactions.item[r]}`).sort();
  return {
    users: dataset.users.list(),
    items: dataset.items.list(),
    relations: dataset.relations.list(),
    numNodes: ckg.numNodes,
    edges,
    train: pairs(split.train),
    valid: pairs(split.valid),
    test: pairs(split.test),
  };
}

async function roundTrip(dataset: Dataset, split: Split) {
  const folder = target();
  exportKgat(dataset, split, folder);
  const reread = await readKgat(new DatasetBuilder('strict'), folder);
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

  it.skipIf(!existsSync(dataRoot()))('round-trips a random 8:1:1 split of MovieLens-100K', async () => {
    const dataset = await loadDataset('movielens-100k');
    const split = splitInteractions(dataset, { kind: 'random', seed: 2025 });
    const { reread, rereadSplit } = await roundTrip(dataset, split);
    expect(structure(reread, rereadSplit)).toEqual(structure(dataset, split));
  });
});
