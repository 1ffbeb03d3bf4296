import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetBuilder, inspectDataset, loadPath, parseNTriple, readNTriples } from '../index';
import { fixtureDir } from '../test-support/fixtures';

const NT = [
  '# a Freebase-like dump',
  '<http://rdf.freebase.com/ns/m.01> <http://rdf.freebase.com/ns/film.film.genre> <http://rdf.freebase.com/ns/m.g> .',
  '<http://rdf.freebase.com/ns/m.02> <http://rdf.freebase.com/ns/film.film.genre> <http://rdf.freebase.com/ns/m.g> .',
  '<http://rdf.freebase.com/ns/m.01> <http://www.w3.org/2000/01/rdf-schema#label> "Toy Story"@en .',
  '_:b1 <http://example.org/p> <http://rdf.freebase.com/ns/m.01> .',
  '<http://rdf.freebase.com/ns/m.02> <http://example.org/year> "1995"^^<http://www.w3.org/2001/XMLSchema#gYear> .',
  '',
].join('\n');

describe('N-Triples', () => {
  it('parses IRIs, blank nodes and literals with language tags, datatypes and escapes', () => {
    expect(parseNTriple('<a> <b> <c> .')).toEqual(['<a>', '<b>', '<c>']);
    expect(parseNTriple('_:x <b> "say \\"hi\\""@en .')).toEqual(['_:x', '<b>', '"say \\"hi\\""@en']);
    expect(parseNTriple('<a> <b> "1"^^<int> . # comment')).toEqual(['<a>', '<b>', '"1"^^<int>']);
    expect(parseNTriple('<a> <b> <c>')).toBeUndefined();
    expect(parseNTriple('<a> <b> .')).toBeUndefined();
  });

  it('streams a .nt.gz dump into entities and relations, skipping literal objects', async () => {
    const dir = fixtureDir({ 'dump.nt.gz': NT });
    const dataset = await loadPath(join(dir, 'dump.nt.gz'));
    expect(dataset.name).toBe('dump');
    expect(dataset.entities.list()).toEqual([
      'http://rdf.freebase.com/ns/m.01',
      'http://rdf.freebase.com/ns/m.g',
      'http://rdf.freebase.com/ns/m.02',
      '_:b1',
    ]);
    expect(dataset.relations.size).toBe(2);
    expect(inspectDataset(dataset)).toMatchObject({ triples: 3, interactions: 0, dropped: { literalObject: 2 } });
  });

  it('reports a malformed statement with file and line', async () => {
    const dir = fixtureDir({ 'bad.nt': '<a> <b> <c> .\n<a> "p" <c> .\n' });
    await expect(readNTriples(join(dir, 'bad.nt'), new DatasetBuilder('strict'))).rejects.toThrow(
      /bad\.nt line 2: expected '<subject> <predicate> <object> \.'$/,
    );
  });
});

it('refuses a single file that is not N-Triples', async () => {
  const dir = fixtureDir({ 'ratings.csv': 'user,item\n1,2\n' });
  await expect(loadPath(join(dir, 'ratings.csv'), { format: 'recbole' })).rejects.toThrow(
    /ratings\.csv: expected a dataset folder \(only N-Triples may be given as a single file\)$/,
  );
});
