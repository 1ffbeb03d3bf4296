/**
 * The collaborative KG as the propagation layers use it: COO edges head ← tail, sorted by
 * relation (so attention can project each relation's edges with its own W_r), as int32 tensors.
 * Built from plain arrays (for instance `@kg4rec/kg`'s `buildCollaborativeKg` + `edgeHeads`).
 */
import { disposeEdgeIndex, type EdgeIndex, edgeIndex, Kg4recError } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** Edges sorted by relation; `relationOffsets[r] … relationOffsets[r + 1]` are relation r's. */
export interface PropagationGraph {
  numNodes: number;
  numRelations: number;
  /** rows = heads (receivers), cols = tails (senders). */
  index: EdgeIndex;
  relations: tf.Tensor1D;
  relationOffsets: Int32Array;
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
  return {
    numNodes,
    numRelations,
    index: edgeIndex(pick(heads), pick(tails), numNodes, numNodes),
    relations: tf.tensor1d(pick(relations), 'int32'),
    relationOffsets: offsets,
  };
}

/** Frees a graph's tensors. */
export function disposeGraph(graph: PropagationGraph): void {
  disposeEdgeIndex(graph.index);
  graph.relations.dispose();
}
