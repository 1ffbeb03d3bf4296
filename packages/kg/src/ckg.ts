/**
 * The collaborative knowledge graph (KGAT; docs/method.md, Data): KG triples, (user, interact, item)
 * for training interactions only, and the inverse of every relation, as a CSR adjacency by head.
 *
 * Node layout: items 0…I−1 (an item and its KG entity are one node), then KG entities aligned
 * to no item, then users. Relations: KG relations 0…R−1, `interact` = R, and the inverse of
 * relation r is r + R + 1.
 */
import type { ModelContext } from '@kg4rec/core';
import type { Dataset } from './dataset';
import { assertRows } from './split';

/** A CSR adjacency: the edges of head h are `tails[indptr[h]…indptr[h+1])`, with their `relations`. */
export interface CollaborativeKg {
  numItems: number;
  /** KG entities not aligned with an item. */
  numOtherEntities: number;
  numUsers: number;
  /** items + other entities + users. */
  numNodes: number;
  /** KG relations (R); the CKG has 2R + 2 relations. */
  numKgRelations: number;
  numRelations: number;
  /** The node of each KG entity. */
  entityNode: Int32Array;
  /** The node of user u is `firstUserNode + u`. */
  firstUserNode: number;
  indptr: Int32Array;
  tails: Int32Array;
  relations: Int32Array;
}

/** The node of each entity: an aligned item's node, else the next free node after the items. */
function entityNodes(dataset: Dataset): { entityNode: Int32Array; numOtherEntities: number } {
  const entityNode = new Int32Array(dataset.entities.size).fill(-1);
  dataset.itemEntity.forEach((entity, item) => {
    if (entity >= 0 && entityNode[entity] === -1) entityNode[entity] = item;
  });
  let next = dataset.items.size;
  for (let e = 0; e < entityNode.length; e++) if (entityNode[e] === -1) entityNode[e] = next++;
  return { entityNode, numOtherEntities: next - dataset.items.size };
}

/**
 * Builds the CKG from a dataset and the rows of its training interactions. Edges of each head
 * keep a deterministic order: KG edges in file order, then interactions in row order.
 */
export function buildCollaborativeKg(dataset: Dataset, trainRows: Int32Array): CollaborativeKg {
  assertRows(dataset, trainRows, 'trainRows');
  const { entityNode, numOtherEntities } = entityNodes(dataset);
  const numItems = dataset.items.size;
  const numUsers = dataset.users.size;
  const firstUserNode = numItems + numOtherEntities;
  const R = dataset.relations.size;
  const heads: number[] = [];
  const tails: number[] = [];
  const relations: number[] = [];
  const addBoth = (h: number, r: number, t: number) => {
    heads.push(h, t);
    tails.push(t, h);
    relations.push(r, r + R + 1);
  };
  const { head, relation, tail } = dataset.triples;
  for (let i = 0; i < head.length; i++) {
    addBoth(entityNode[head[i] as number] as number, relation[i] as number, entityNode[tail[i] as number] as number);
  }
  for (const row of trainRows) {
    addBoth(firstUserNode + (dataset.interactions.user[row] as number), R, dataset.interactions.item[row] as number);
  }
  const numNodes = firstUserNode + numUsers;
  const csr = toCsr(numNodes, Int32Array.from(heads), Int32Array.from(tails), Int32Array.from(relations));
  return { numItems, numOtherEntities, numUsers, numNodes, numKgRelations: R, numRelations: 2 * R + 2, entityNode, firstUserNode, ...csr };
}

/** A stable counting sort of edges by head. */
export function toCsr(numNodes: number, heads: Int32Array, tails: Int32Array, relations: Int32Array) {
  const indptr = new Int32Array(numNodes + 1);
  for (const h of heads) indptr[h + 1] = (indptr[h + 1] as number) + 1;
  for (let n = 0; n < numNodes; n++) indptr[n + 1] = (indptr[n + 1] as number) + (indptr[n] as number);
  const cursor = indptr.slice(0, numNodes);
  const sortedTails = new Int32Array(heads.length);
  const sortedRelations = new Int32Array(heads.length);
  for (let i = 0; i < heads.length; i++) {
    const at = cursor[heads[i] as number] as number;
    cursor[heads[i] as number] = at + 1;
    sortedTails[at] = tails[i] as number;
    sortedRelations[at] = relations[i] as number;
  }
  return { indptr, tails: sortedTails, relations: sortedRelations };
}

/** The heads of every edge, expanded from `indptr` (the COO rows for `@kg4rec/core`'s `edgeIndex`). */
export function edgeHeads(ckg: CollaborativeKg): Int32Array {
  const heads = new Int32Array(ckg.tails.length);
  for (let h = 0; h < ckg.numNodes; h++) heads.fill(h, ckg.indptr[h] as number, ckg.indptr[h + 1] as number);
  return heads;
}

/** Edge positions grouped by relation: relation r's edges are `order[indptr[r]…indptr[r+1])`. */
export function edgesByRelation(ckg: CollaborativeKg): { indptr: Int32Array; order: Int32Array } {
  const positions = Int32Array.from(ckg.relations.keys());
  const { indptr, tails } = toCsr(ckg.numRelations, ckg.relations, positions, positions);
  return { indptr, order: tails };
}

/**
 * What a graph model is built for (core's `ModelContext`): the dataset's sizes and the CKG's
 * edges as head ← tail COO arrays. Add `content` for multimodal models.
 */
export function modelContext(dataset: Dataset, ckg: CollaborativeKg): ModelContext {
  const { numNodes, numRelations, firstUserNode, tails, relations } = ckg;
  return {
    numUsers: dataset.users.size,
    numItems: dataset.items.size,
    graph: { numNodes, numRelations, firstUserNode, heads: edgeHeads(ckg), tails, relations },
  };
}
