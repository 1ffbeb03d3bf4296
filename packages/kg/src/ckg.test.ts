import { describe, expect, it } from 'vitest';
import { buildCollaborativeKg, DatasetBuilder, describeCkg, edgeHeads, edgesByRelation, modelContext, readRecbole } from './index';
import { fixtureDir, TINY_RECBOLE } from './test-support/fixtures';

/** Every edge as 'head relation tail' with node and relation names, sorted. */
function namedEdges(ckg: ReturnType<typeof buildCollaborativeKg>, nodeName: (n: number) => string, relationName: (r: number) => string) {
  const heads = edgeHeads(ckg);
  return Array.from(
    ckg.tails,
    (t, e) => `${nodeName(heads[e] as number)} ${relationName(ckg.relations[e] as number)} ${nodeName(t)}`,
  ).sort();
}

describe('buildCollaborativeKg', async () => {
  const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
  const train = Int32Array.from([0, 2]); // (u1, i1), (u2, i2)
  const ckg = buildCollaborativeKg(dataset, train);
  const nodeName = (n: number) =>
    n < ckg.numItems ? dataset.items.tokenOf(n) : n < ckg.firstUserNode ? `e${n}` : dataset.users.tokenOf(n - ckg.firstUserNode);
  const R = ckg.numKgRelations;
  const relationName = (r: number): string => (r < R ? dataset.relations.tokenOf(r) : r === R ? 'interact' : `~${relationName(r - R - 1)}`);

  it('lays out items, then unaligned entities, then users', () => {
    expect(ckg).toMatchObject({
      numItems: 4,
      numOtherEntities: 2,
      numUsers: 3,
      numNodes: 9,
      firstUserNode: 6,
      numKgRelations: 2,
      numRelations: 6,
    });
    expect(dataset.entities.list()).toEqual(['m.1', 'm.2', 'm.3', 'm.g', 'm.d']); // links are read before the KG
    expect(Array.from(ckg.entityNode)).toEqual([0, 1, 2, 4, 5]); // m.1→i1, m.2→i2, m.3→i3, m.g→e4, m.d→e5
  });

  it('holds KG triples, training interactions only, and every inverse', () => {
    expect(namedEdges(ckg, nodeName, relationName)).toEqual(
      [
        'i1 film.genre e4',
        'e4 ~film.genre i1',
        'i2 film.genre e4',
        'e4 ~film.genre i2',
        'i3 film.director e5',
        'e5 ~film.director i3',
        'u1 interact i1',
        'i1 ~interact u1',
        'u2 interact i2',
        'i2 ~interact u2',
      ].sort(),
    );
  });

  it('describes itself to a model: sizes and COO edges', () => {
    const context = modelContext(dataset, ckg);
    expect(context).toMatchObject({ numUsers: 3, numItems: 4, graph: { numNodes: 9, numRelations: 6, firstUserNode: 6 } });
    expect(Array.from(context.graph?.heads ?? [])).toEqual(Array.from(edgeHeads(ckg)));
    expect(context.graph?.tails).toBe(ckg.tails);
  });

  it('describes its nodes and relations in words, for explanations', () => {
    const describe = describeCkg(dataset, ckg);
    expect([0, 4, 6].map((n) => describe.node(n))).toEqual(['item i1 (One)', 'entity m.g', 'user u1']);
    expect([0, R, R + 1, 2 * R + 1].map((r) => describe.relation(r))).toEqual([
      dataset.relations.tokenOf(0),
      'interacted with',
      `inverse of ${dataset.relations.tokenOf(0)}`,
      'interacted by',
    ]);
  });

  it('is a CSR by head with per-relation views', () => {
    const heads = edgeHeads(ckg);
    expect(Array.from(heads)).toEqual([...heads].sort((a, b) => a - b));
    expect(ckg.indptr[ckg.numNodes]).toBe(ckg.tails.length);
    const byRelation = edgesByRelation(ckg);
    for (let r = 0; r < ckg.numRelations; r++) {
      for (let k = byRelation.indptr[r] as number; k < (byRelation.indptr[r + 1] as number); k++) {
        expect(ckg.relations[byRelation.order[k] as number]).toBe(r);
      }
    }
    expect(byRelation.indptr[ckg.numRelations]).toBe(ckg.tails.length);
  });
});
