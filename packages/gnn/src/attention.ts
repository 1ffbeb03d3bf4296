/**
 * Knowledge-aware attention (KGAT; method.md §4):
 *   π(h, r, t) = (W_r e_t)ᵀ tanh(W_r e_h + e_r), normalised by a softmax over each head's
 *   ego-network N_h = {(h, r, t)}.
 * W_r and e_r are the KG embedding's (TransR's) parameters. The logits are computed relation by
 * relation (each with its own W_r) on the relation-sorted edges, then normalised by core's
 * `segmentSoftmax`. KGAT recomputes π once per epoch without gradients; callers choose.
 */
import { segmentSoftmax } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import type { PropagationGraph } from './graph';

/** The parameters attention reads: entity embeddings [N, d], relation embeddings [R, k], projections [R, d, k]. */
export interface AttentionParameters {
  entities: tf.Tensor2D;
  relations: tf.Tensor2D;
  projections: tf.Tensor3D;
}

/** Unnormalised π logits of one relation's edges [E_r]. */
function relationLogits(graph: PropagationGraph, params: AttentionParameters, r: number): tf.Tensor1D {
  const start = graph.relationOffsets[r] as number;
  const size = (graph.relationOffsets[r + 1] as number) - start;
  const heads = tf.slice(graph.index.rows, start, size);
  const tails = tf.slice(graph.index.cols, start, size);
  const W = tf.squeeze(tf.slice(params.projections, [r, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
  const er = tf.slice(params.relations, [r, 0], [1, -1]);
  const projectedHeads = tf.matMul(tf.gather(params.entities, heads) as tf.Tensor2D, W);
  const projectedTails = tf.matMul(tf.gather(params.entities, tails) as tf.Tensor2D, W);
  return tf.sum(tf.mul(projectedTails, tf.tanh(tf.add(projectedHeads, er))), 1) as tf.Tensor1D;
}

/** π for every edge of the graph, in the graph's edge order [E]; sums to 1 over each head's edges. */
export function knowledgeAwareAttention(graph: PropagationGraph, params: AttentionParameters): tf.Tensor1D {
  return tf.tidy(() => {
    const parts: tf.Tensor1D[] = [];
    for (let r = 0; r < graph.numRelations; r++) {
      if ((graph.relationOffsets[r + 1] as number) > (graph.relationOffsets[r] as number)) parts.push(relationLogits(graph, params, r));
    }
    const logits = parts.length === 0 ? tf.zeros([0]) : (tf.concat(parts) as tf.Tensor1D);
    return segmentSoftmax(logits as tf.Tensor1D, graph.index.rows, graph.numNodes);
  });
}
