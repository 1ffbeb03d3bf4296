import { describe, expect, it } from 'vitest';
import { DatasetBuilder, inspectDataset, loadPath, readKgcn } from '../index';
import { fixtureDir } from '../test-support/fixtures';

const flags = (genres: number[]) => Array.from({ length: 19 }, (_, g) => (genres.includes(g) ? '1' : '0')).join('|');

describe('raw MovieLens folders', () => {
  it('ML-100K: u.data and u.item (ISO-8859-1); genres and years become triples', async () => {
    const uItem = Buffer.from(
      [`1|Toy Story (1995)|01-Jan-1995||url|${flags([3, 4, 5])}`, `2|Caf\xe9 (1996)|01-Jan-1996||url|${flags([8])}`].join('\n'),
      'latin1',
    );
    const dir = fixtureDir({ 'u.data': '1\t1\t5\t881250949\n2\t2\t3\t881250950\n1\t2\t4\t881250951\n', 'u.item': uItem });
    const dataset = await loadPath(dir);
    expect(dataset.itemAttributes.get('title')).toEqual(['Toy Story', 'Café']);
    expect(dataset.itemAttributes.get('genres')).toEqual(["Animation|Children's|Comedy", 'Drama']);
    expect(dataset.relations.list()).toEqual(['genres', 'year']);
    expect(dataset.entities.list()).toEqual([
      'item:1',
      'genres:Animation',
      "genres:Children's",
      'genres:Comedy',
      'item:2',
      'genres:Drama',
      'year:1995',
      'year:1996',
    ]);
    expect(inspectDataset(dataset)).toMatchObject({
      users: 2,
      items: 2,
      interactions: 3,
      triples: 6,
      linkedItems: 2,
      itemsWithoutKgNeighbours: 0,
    });
    expect(Array.from(dataset.interactions.timestamp ?? [])).toEqual([881250949, 881250950, 881250951]);
  });

  it('ML-1M: ratings.dat and movies.dat', async () => {
    const dir = fixtureDir({
      'ratings.dat': '1::1193::5::978300760\n1::661::3::978302109\n',
      'movies.dat': '1193::One Flew (1975)::Drama\n661::James (1996)::Animation|Musical\n',
    });
    const dataset = await loadPath(dir, { format: 'movielens' });
    expect(inspectDataset(dataset)).toMatchObject({ users: 1, items: 2, triples: 5 });
  });
});

describe('KGCN / MKR folders', () => {
  it('keeps label-1 ratings, counts negatives, and aligns item i with entity i', async () => {
    const dir = fixtureDir({
      'ratings_final.txt': '0\t0\t1\n0\t1\t0\n1\t1\t1\n',
      'kg_final.txt': '0\t0\t2\n1\t0\t2\n',
      'item_index2entity_id.txt': '1193\t0\n661\t1\n',
    });
    const dataset = await readKgcn(new DatasetBuilder(), dir);
    expect(dataset.items.list()).toEqual(['1193', '661']);
    expect(Array.from(dataset.itemEntity)).toEqual([0, 1]);
    expect(inspectDataset(dataset)).toMatchObject({ users: 2, interactions: 2, entities: 3, triples: 2, dropped: { negativeLabel: 1 } });
    expect((await loadPath(dir)).name).toBe(dataset.name);
  });

  it('reads the raw form: a rating file (header and quotes allowed), kg.txt with names, and the item→entity map', async () => {
    const dir = fixtureDir({
      'BX-Book-Ratings.csv': '"User-ID";"ISBN";"Book-Rating"\n"276725";"034545104X";"0"\n"276726";"0155061224";"5"\n',
      'kg.txt': 'e1\tbook.author\te9\ne2\tbook.author\te9\n',
      'item_index2entity_id.txt': '034545104X\te1\r\n0155061224\te2\r\n9999999999\te3\r\n',
    });
    const dataset = await loadPath(dir);
    expect(dataset.users.list()).toEqual(['276725', '276726']);
    expect(Array.from(dataset.interactions.rating ?? [])).toEqual([0, 5]);
    expect(inspectDataset(dataset)).toMatchObject({ items: 2, triples: 2, relations: 1, linkedItems: 2, dropped: { unknownLinkId: 1 } });
  });
});
