/**
 * Knowledge-aware attention (KGAT; method.md §4):
 *   π(h, r, t) = (W_r e_t)ᵀ tanh(W_r e_h + e_r), normalised by a softmax over each head's
 *   ego-network N_h = {(h, r, t)}.
 * W_r and e_r are the KG embedding's (TransR's) parameters. The logits are computed relation by
 * relation (each with its own W_r, projecting each node the relation touches once) on the
 * relation-sorted edges, then normalised by core's `segmentSoftmax`. KGAT recomputes π once per epoch without gradients; callers choose.
 */
import { edgeDot, segmentSoftmax } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import type { PropagationGraph, RelationBlock } from './graph';

/** The parameters attention reads: entity embeddings [N, d], relation embeddings [R, k], projections [R, d, k]. */
export interface AttentionParameters {
  entities: tf.Tensor2D;
  relations: tf.Tensor2D;
  projections: tf.Tensor3D;
}

/**
 * Unnormalised π logits of one relation's edges [E_r]: the block's touched nodes are projected
 * once (P = E[nodes] W_r), then each edge takes ⟨tanh(P[h] + e_r), P[t]⟩ (core's fused `edgeDot`).
 */
function relationLogits(block: RelationBlock, params: AttentionParameters): tf.Tensor1D {
  const r = block.relation;
  const W = tf.squeeze(tf.slice(params.projections, [r, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
  const er = tf.slice(params.relations, [r, 0], [1, -1]);
  const projected = tf.matMul(tf.gather(params.entities, block.nodes) as tf.Tensor2D, W);
  return edgeDot(block.index, tf.tanh(tf.add(projected, er)) as tf.Tensor2D, projected as tf.Tensor2D);
}

/** π for every edge of the graph, in the graph's edge order [E]; sums to 1 over each head's edges. */
export function knowledgeAwareAttention(graph: PropagationGraph, params: AttentionParameters): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = graph.relationBlocks.map((block) => relationLogits(block, params));
    const logits = parts.length === 0 ? tf.zeros([0]) : (tf.concat(parts) as tf.Tensor1D);
    return segmentSoftmax(logits as tf.Tensor1D, graph.index.rows, graph.numNodes);
  });
}
