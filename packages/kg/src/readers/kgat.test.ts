import { describe, expect, it } from 'vitest';
import { DatasetBuilder, GIVEN, inspectDataset, loadPath, readIdList, readKgat } from '../index';
import { fixtureDir } from '../test-support/fixtures';

const KGAT = {
  'train.txt': '0 0 1\n1 1 2\n2\n',
  'test.txt': '0 2\n1 0\n',
  'kg_final.txt': '0 0 3\n1 0 3\n2 1 4\n2 1 4\n',
};

describe('readKgat', () => {
  it('keeps the given ids and split, aligns item i with entity i, and dedupes triples', async () => {
    const dataset = await readKgat(new DatasetBuilder(), fixtureDir(KGAT), 'toy');
    expect(dataset.users.size).toBe(3);
    expect(dataset.items.size).toBe(3);
    expect(dataset.entities.size).toBe(5);
    expect(dataset.relations.size).toBe(2);
    expect(Array.from(dataset.interactions.user)).toEqual([0, 0, 1, 1, 0, 1]);
    expect(Array.from(dataset.interactions.item)).toEqual([0, 1, 1, 2, 2, 0]);
    expect(Array.from(dataset.interactions.given ?? [])).toEqual([0, 0, 0, 0, 2, 2].map((g) => (g === 0 ? GIVEN.train : GIVEN.test)));
    expect(Array.from(dataset.itemEntity)).toEqual([0, 1, 2]);
    expect(dataset.report.get('duplicateTriple')).toBe(1);
    expect(inspectDataset(dataset)).toMatchObject({
      usersWithoutTraining: 1,
      givenSplit: { train: 4, test: 2, trainUsers: 2, testUsers: 2 },
    });
  });

  it('takes tokens from id lists, whose org ids may hold spaces or be empty', async () => {
    const lists = {
      'user_list.txt': 'org_id remap_id\nA 0\nB 1\nC 2\n',
      'item_list.txt': 'org_id remap_id freebase_id\nx 0 m.x\ny 1 m.y\nz 2 m.z\n',
      'entity_list.txt': 'org_id remap_id\nm.x 0\nm.y 1\nm.z 2\n"I Love You 3\n 4\n',
    };
    const dataset = await loadPath(fixtureDir({ ...KGAT, ...lists }));
    expect(dataset.users.list()).toEqual(['A', 'B', 'C']);
    expect(dataset.items.list()).toEqual(['x', 'y', 'z']);
    expect(dataset.entities.list()).toEqual(['m.x', 'm.y', 'm.z', '"I Love You', '']);
  });

  it('rejects an id list whose remap ids skip, and a list shorter than the ids used', async () => {
    const skip = fixtureDir({ 'l.txt': 'org_id remap_id\na 0\nb 2\n' });
    await expect(readIdList(`${skip}/l.txt`)).rejects.toThrow(/l\.txt line 3: expected 'org_id 1'$/);
    const short = fixtureDir({ ...KGAT, 'user_list.txt': 'org_id remap_id\nA 0\n' });
    await expect(readKgat(new DatasetBuilder(), short)).rejects.toThrow(/user_list\.txt: lists 1 users but the data uses ids up to 2$/);
  });

  it('reports a non-integer id with file and line', async () => {
    const dir = fixtureDir({ 'train.txt': '0 1\n1 x\n' });
    await expect(readKgat(new DatasetBuilder('strict'), dir)).rejects.toThrow(
      /train\.txt line 2: expected a non-negative integer item id below 16777216, got 'x'$/,
    );
    expect((await readKgat(new DatasetBuilder('lenient'), dir)).report.get('malformedLine')).toBe(1);
    const huge = fixtureDir({ 'train.txt': '0 1\n1 99999999999\n' });
    const lenient = await readKgat(new DatasetBuilder('lenient'), huge);
    expect(lenient.items.size).toBe(2);
    expect(lenient.report.get('malformedLine')).toBe(1);
  });
});
