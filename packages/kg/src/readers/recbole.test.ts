import { isKg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { DatasetBuilder, inspectDataset, loadPath, readRecbole } from '../index';
import { fixtureDir, TINY_RECBOLE, tsv } from '../test-support/fixtures';

async function failure(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

describe('readRecbole', () => {
  it('reads interactions, items, links and triples with stable ids in first-seen order', async () => {
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
    expect(dataset.users.list()).toEqual(['u1', 'u2', 'u3']);
    expect(dataset.items.list()).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect(Array.from(dataset.interactions.user)).toEqual([0, 0, 1, 2]);
    expect(Array.from(dataset.interactions.item)).toEqual([0, 1, 1, 3]);
    expect(Array.from(dataset.interactions.rating ?? [])).toEqual([5, 3, 4, 1]);
    expect(Array.from(dataset.interactions.timestamp ?? [])).toEqual([100, 200, 150, 300]);
    expect(dataset.itemAttributes.get('title')).toEqual(['One', 'Two', 'Three', 'Four']);
    expect(Array.from(dataset.itemEntity).map((e) => (e < 0 ? null : dataset.entities.tokenOf(e)))).toEqual(['m.1', 'm.2', 'm.3', null]);
  });

  it('drops and counts duplicate triples and self-loops', async () => {
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
    expect(dataset.triples.head.length).toBe(3);
    expect(dataset.relations.list()).toEqual(['film.genre', 'film.director']);
    expect(dataset.report.get('duplicateTriple')).toBe(1);
    expect(dataset.report.get('selfLoop')).toBe(1);
    const stats = inspectDataset(dataset);
    expect(stats).toMatchObject({
      users: 3,
      items: 4,
      entities: 5,
      triples: 3,
      interactions: 4,
      linkedItems: 3,
      itemsWithoutKgNeighbours: 1,
    });
    expect(stats.density).toBeCloseTo(4 / 12, 10);
  });

  it('counts items that share an entity (their CKG edges go to the first item only)', async () => {
    const files = { ...TINY_RECBOLE, 'tiny.link': tsv(['item_id:token', 'entity_id:token'], ['i1', 'm.1'], ['i2', 'm.1'], ['i3', 'm.3']) };
    const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(files), 'tiny');
    expect(inspectDataset(dataset).itemsSharingAnEntity).toBe(1);
  });

  it('is sniffed as recbole by loadPath', async () => {
    const dataset = await loadPath(fixtureDir(TINY_RECBOLE));
    expect(dataset.name).toBe('tiny');
    expect(dataset.interactions.user.length).toBe(4);
  });

  it('reports a malformed line with file, line and expectation in strict mode, and counts it in lenient mode', async () => {
    const files = {
      ...TINY_RECBOLE,
      'tiny.kg': tsv(['head_id:token', 'relation_id:token', 'tail_id:token'], ['m.1', 'r'], ['m.1', 'r', 'm.2']),
    };
    const dir = fixtureDir(files);
    const error = await failure(() => readRecbole(new DatasetBuilder('strict'), dir, 'tiny'));
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toBe(`${dir}/tiny.kg line 2: expected 3 tab-separated fields, got 2`);
    const lenient = await readRecbole(new DatasetBuilder('lenient'), dir, 'tiny');
    expect(lenient.report.get('malformedLine')).toBe(1);
    expect(lenient.report.firstMessage.get('malformedLine')).toContain('tiny.kg line 2');
    expect(lenient.triples.head.length).toBe(1);
  });

  it('rejects a float column that is not a number, a bad header, an unknown link id (strict) and an empty file', async () => {
    const badFloat = fixtureDir({ 'x.inter': tsv(['user_id:token', 'item_id:token', 'rating:float'], ['u', 'i', 'five']) });
    expect((await failure(() => readRecbole(new DatasetBuilder('strict'), badFloat, 'x'))).message).toMatch(
      /x\.inter line 2: expected a number for rating, got 'five'$/,
    );
    const badHeader = fixtureDir({ 'x.inter': tsv(['user_id:token', 'item_id:tokn'], ['u', 'i']) });
    expect((await failure(() => readRecbole(new DatasetBuilder(), badHeader, 'x'))).message).toMatch(
      /x\.inter line 1: header field 2 'item_id:tokn' must be name:type with type one of token, token_seq, float, float_seq$/,
    );
    const unknownLink = fixtureDir({ ...TINY_RECBOLE, 'tiny.link': tsv(['item_id:token', 'entity_id:token'], ['i9', 'm.9']) });
    expect((await failure(() => readRecbole(new DatasetBuilder('strict'), unknownLink, 'tiny'))).message).toMatch(
      /tiny\.link line 2: item 'i9' is not in the interactions or item file$/,
    );
    expect((await readRecbole(new DatasetBuilder(), unknownLink, 'tiny')).report.get('unknownLinkId')).toBe(1);
    const empty = fixtureDir({ 'x.inter': '' });
    const error = await failure(() => readRecbole(new DatasetBuilder(), empty, 'x'));
    expect(isKg4recError(error, 'PARSE_ERROR')).toBe(true);
    expect(error.message).toMatch(/x\.inter: file is empty/);
  });

  it('reads user attributes from .user, and checks every value of a float_seq column', async () => {
    const files = {
      ...TINY_RECBOLE,
      'tiny.user': tsv(['user_id:token', 'age:token', 'gender:token'], ['u1', 24, 'M'], ['u2', 53, 'F'], ['u3', 33, 'M']),
      'tiny.item': tsv(['item_id:token', 'vector:float_seq'], ['i1', '0.5 1'], ['i2', '2 3.5'], ['i3', ''], ['i4', '1 x']),
    };
    const dir = fixtureDir(files);
    const dataset = await readRecbole(new DatasetBuilder(), dir, 'tiny');
    expect(dataset.userAttributes.get('gender')).toEqual(['M', 'F', 'M']);
    expect(dataset.itemAttributes.get('vector')).toEqual(['0.5 1', '2 3.5', '']);
    expect(dataset.report.get('malformedLine')).toBe(1);
    await expect(readRecbole(new DatasetBuilder('strict'), dir, 'tiny')).rejects.toThrow(
      /tiny\.item line 5: expected a number for vector, got 'x'$/,
    );
  });

  it('rejects a header lacking a required column', async () => {
    const dir = fixtureDir({ 'x.inter': tsv(['user:token', 'item_id:token'], ['u', 'i']) });
    expect((await failure(() => readRecbole(new DatasetBuilder(), dir, 'x'))).message).toMatch(
      /x\.inter: header lacks column\(s\) user_id$/,
    );
  });
});
