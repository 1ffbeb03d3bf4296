import { describe, expect, it } from 'vitest';
import { DatasetBuilder, loadPath, readDelimitedInteractions, splitCsvLine } from '../index';
import { fixtureDir } from '../test-support/fixtures';

describe('delimited files', () => {
  it('splits CSV lines with quotes, and leaves other delimiters alone', () => {
    expect(splitCsvLine('a,"b, c","d ""q"""', ',')).toEqual(['a', 'b, c', 'd "q"']);
    expect(splitCsvLine('a,"open', ',')).toBeUndefined();
    expect(splitCsvLine('a\t"b"', '\t')).toEqual(['a', '"b"']);
  });

  it('reads interactions and triples with a column mapping', async () => {
    const dir = fixtureDir({
      'interactions.csv': 'userId,movieId,stars,when\n1,10,4.5,100\n2,10,3,200\n',
      'triples.tsv': 'h\tr\tt\n10\tgenre\tcomedy\n',
    });
    const columns = { user: 'userId', item: 'movieId', rating: 'stars', timestamp: 'when', head: 'h', relation: 'r', tail: 't' };
    const dataset = await loadPath(dir, { columns });
    expect(dataset.users.list()).toEqual(['1', '2']);
    expect(Array.from(dataset.interactions.rating ?? [])).toEqual([4.5, 3]);
    expect(dataset.triples.head.length).toBe(1);
  });

  it('names the missing header columns, and reports rows of the wrong width', async () => {
    const dir = fixtureDir({ 'interactions.csv': 'u,i\n1,2\n', 'wide.csv': 'user,item\n1,2,3\n' });
    await expect(loadPath(dir)).rejects.toThrow(
      /interactions\.csv: header lacks column\(s\) user, item \(set them in the column mapping\)$/,
    );
    await expect(readDelimitedInteractions(`${dir}/wide.csv`, new DatasetBuilder('strict'))).rejects.toThrow(
      /wide\.csv line 2: expected 2 fields as in the header, got 3 fields$/,
    );
  });
});
