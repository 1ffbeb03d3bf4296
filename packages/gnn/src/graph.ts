/**
 * The collaborative KG as the propagation layers use it: COO edges head ← tail, sorted by
 * relation (so attention can project each relation's edges with its own W_r), as int32 tensors.
 * Built from plain arrays (for instance `@kg4rec/kg`'s `buildCollaborativeKg` + `edgeHeads`).
 * The `PropagationGraph` and `RelationBlock` types are core's.
 */
import { disposeEdgeIndex, edgeIndex, Kg4recError, type PropagationGraph, type RelationBlock } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** 1 / deg_r(head) for every relation-sorted edge (see core's `PropagationGraph.relationWiseRandomWalk`). */
function randomWalkPerRelation(heads: Int32Array, offsets: Int32Array, numNodes: number): Float32Array {
  const degree = new Int32Array(numNodes);
  const weights = new Float32Array(heads.length);
  for (let r = 0; r + 1 < offsets.length; r++) {
    const [start, end] = [offsets[r] as number, offsets[r + 1] as number];
    for (let e = start; e < end; e++) degree[heads[e] as number] = (degree[heads[e] as number] as number) + 1;
    for (let e = start; e < end; e++) weights[e] = 1 / (degree[heads[e] as number] as number);
    for (let e = start; e < end; e++) degree[heads[e] as number] = 0;
  }
  return weights;
}

/** Builds {@link RelationBlock}s from relation-sorted edges. */
function relationBlocks(heads: Int32Array, tails: Int32Array, offsets: Int32Array, numNodes: number): RelationBlock[] {
  const local = new Int32Array(numNodes).fill(-1);
  const blocks: RelationBlock[] = [];
  for (let r = 0; r + 1 < offsets.length; r++) {
    const start = offsets[r] as number;
    const end = offsets[r + 1] as number;
    if (end === start) continue;
    const nodes: number[] = [];
    const renumber = (node: number) => {
      if (local[node] === -1) {
        local[node] = nodes.length;
        nodes.push(node);
      }
      return local[node] as number;
    };
    const rows = new Int32Array(end - start);
    const cols = new Int32Array(end - start);
    for (let e = start; e < end; e++) {
      rows[e - start] = renumber(heads[e] as number);
      cols[e - start] = renumber(tails[e] as number);
    }
    for (const node of nodes) local[node] = -1;
    blocks.push({ relation: r, nodes: tf.tensor1d(nodes, 'int32'), index: edgeIndex(rows, cols, nodes.length, nodes.length) });
  }
  return blocks;
}

/** Sorts the edges by relation (stably) and uploads them. Dispose with {@link disposeGraph}. */
export function propagationGraph(
  heads: Int32Array,
  tails: Int32Array,
  relations: Int32Array,
  numNodes: number,
  numRelations: number,
): PropagationGraph {
  if (heads.length !== tails.length || heads.length !== relations.length) {
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `propagationGraph: ${heads.length} heads, ${tails.length} tails, ${relations.length} relations`,
    );
  }
  const offsets = new Int32Array(numRelations + 1);
  for (const r of relations) {
    if (!(r >= 0 && r < numRelations))
      throw new Kg4recError('INVALID_ARGUMENT', `propagationGraph: relation ${r} is out of range [0, ${numRelations})`);
    offsets[r + 1] = (offsets[r + 1] as number) + 1;
  }
  for (let r = 0; r < numRelations; r++) offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
  const cursor = offsets.slice(0, numRelations);
  const order = new Int32Array(heads.length);
  relations.forEach((r, e) => {
    const at = cursor[r] as number;
    cursor[r] = at + 1;
    order[at] = e;
  });
  const pick = (column: Int32Array) => Int32Array.from(order, (e) => column[e] as number);
  const [sortedHeads, sortedTails] = [pick(heads), pick(tails)];
  const relationWiseRandomWalk = randomWalkPerRelation(sortedHeads, offsets, numNodes);
  return {
    numNodes,
    numRelations,
    index: edgeIndex(sortedHeads, sortedTails, numNodes, numNodes),
    relations: tf.tensor1d(pick(relations), 'int32'),
    relationOffsets: offsets,
    relationBlocks: relationBlocks(sortedHeads, sortedTails, offsets, numNodes),
    relationWiseRandomWalk,
  };
}

/** Frees a graph's tensors. */
export function disposeGraph(graph: PropagationGraph): void {
  disposeEdgeIndex(graph.index);
  graph.relations.dispose();
  for (const block of graph.relationBlocks) {
    block.nodes.dispose();
    disposeEdgeIndex(block.index);
  }
}
