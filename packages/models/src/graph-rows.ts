/**
 * What KGAT-style models share when they score and explain: rows that concatenate every
 * propagation layer's rows of a node (users at `firstUserNode + u`, items at their ids), and the
 * edges with the most attention.
 */
import type { AttendedNeighbour, PropagationGraph } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import type { ScoringRows } from './dot-product';

/** Rows that concatenate, for each node, its rows of every layer in `layers` (in order). */
export function concatenatedLayerRows(layers: readonly tf.Tensor2D[], firstUserNode: number, numItems: number): ScoringRows {
  const first = tf.scalar(firstUserNode, 'int32');
  const joined = (pick: (layer: tf.Tensor2D) => tf.Tensor2D) => tf.concat(layers.map(pick), 1) as tf.Tensor2D;
  return {
    users: (ids) => {
      const nodes = tf.add(ids, first);
      return joined((layer) => tf.gather(layer, nodes) as tf.Tensor2D);
    },
    items: (ids) => joined((layer) => tf.gather(layer, ids) as tf.Tensor2D),
    allItems: () => joined((layer) => tf.slice(layer, [0, 0], [numItems, -1])),
  };
}

/** The `k` edges of `node` (as head) with the largest attention, largest first. */
export async function topAttended(graph: PropagationGraph, attention: tf.Tensor1D, node: number, k: number): Promise<AttendedNeighbour[]> {
  const [heads, tails, relations, weights] = await Promise.all([
    graph.index.rows.data(),
    graph.index.cols.data(),
    graph.relations.data(),
    attention.data(),
  ]);
  const edges: AttendedNeighbour[] = [];
  heads.forEach((head, e) => {
    if (head === node) edges.push({ node: tails[e] as number, relation: relations[e] as number, weight: weights[e] as number });
  });
  return edges.sort((a, b) => b.weight - a.weight || a.node - b.node).slice(0, k);
}
