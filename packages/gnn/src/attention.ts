/**
 * Edge attention over the collaborative KG, behind core's `EdgeAttention` interface:
 * - `knowledge-aware` (KGAT; docs/method.md §4): π(h, r, t) = (W_r e_t)ᵀ tanh(W_r e_h + e_r),
 *   normalised by a softmax over each head's ego-network N_h = {(h, r, t)}. W_r and e_r come from
 *   the KG embedding's relation space (TransR's projections; the identity for TransE). The logits
 *   are computed relation by relation (projecting each node the relation touches once) on the
 *   relation-sorted edges, then normalised by core's `segmentSoftmax`.
 * - `uniform`: π = 1/|N_h| on every edge of h (KGAT without attention).
 * Models recompute π when they choose (KGAT: once per epoch, without gradients).
 */
import {
  createRegistry,
  type EdgeAttention,
  edgeDot,
  type PartConfig,
  type PropagationGraph,
  type Registry,
  type RelationBlock,
  type RelationSpace,
  segmentSoftmax,
  z,
} from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/**
 * Unnormalised π logits of one relation's edges [E_r]: the block's touched nodes are projected
 * once (P = W_r E[nodes]), then each edge takes ⟨tanh(P[h] + e_r), P[t]⟩ (core's fused `edgeDot`).
 */
function relationLogits(block: RelationBlock, entities: tf.Tensor2D, space: RelationSpace): tf.Tensor1D {
  const r = block.relation;
  const er = tf.slice(space.relationEmbeddings, [r, 0], [1, -1]);
  const projected = space.project(tf.gather(entities, block.nodes) as tf.Tensor2D, r);
  return edgeDot(block.index, tf.tanh(tf.add(projected, er)) as tf.Tensor2D, projected);
}

/** π for every edge of the graph, in the graph's edge order [E]; sums to 1 over each head's edges. */
export function knowledgeAwareAttention(graph: PropagationGraph, entities: tf.Tensor2D, space: RelationSpace): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = graph.relationBlocks.map((block) => relationLogits(block, entities, space));
    const logits = parts.length === 0 ? tf.zeros([0]) : (tf.concat(parts) as tf.Tensor1D);
    return segmentSoftmax(logits as tf.Tensor1D, graph.index.rows, graph.numNodes);
  });
}

/**
 * A relation space from raw tensors: relation embeddings [R, k] and projections [R, d, k]
 * (TransR's layout), for callers that hold the parameters rather than a KG embedding.
 */
export function projectionSpace(relations: tf.Tensor2D, projections: tf.Tensor3D): RelationSpace {
  return {
    relationEmbeddings: relations,
    project: (rows, relation) =>
      tf.tidy(() => tf.matMul(rows, tf.squeeze(tf.slice(projections, [relation, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D)),
  };
}

/** KGAT's knowledge-aware attention as an {@link EdgeAttention} part. */
export class KnowledgeAwareAttention implements EdgeAttention {
  weights(graph: PropagationGraph, entities: tf.Tensor2D, space: RelationSpace): tf.Tensor1D {
    return knowledgeAwareAttention(graph, entities, space);
  }

  getConfig(): PartConfig {
    return { name: 'knowledge-aware', options: {} };
  }
}

/** Equal weights 1/|N_h| over each head's edges: propagation without attention. */
export class UniformAttention implements EdgeAttention {
  weights(graph: PropagationGraph): tf.Tensor1D {
    return tf.tidy(() => segmentSoftmax(tf.zeros([graph.relations.shape[0]]) as tf.Tensor1D, graph.index.rows, graph.numNodes));
  }

  getConfig(): PartConfig {
    return { name: 'uniform', options: {} };
  }
}

/** Options of the built-in attentions (none). */
export type AttentionOptions = Record<string, unknown>;

const NO_OPTIONS = z.object({}).strict();

/** Registry of edge attentions: `knowledge-aware` (KGAT's π), `uniform` (1/|N_h|). */
export const attentions: Registry<EdgeAttention, AttentionOptions> = createRegistry('attention');
attentions.register({
  name: 'knowledge-aware',
  description: "KGAT's π(h, r, t) = (W_r e_t)ᵀ tanh(W_r e_h + e_r), softmax over each head's edges",
  create: () => new KnowledgeAwareAttention(),
  defaults: {},
  schema: NO_OPTIONS,
});
attentions.register({
  name: 'uniform',
  description: "1/|N_h| on each of a head's edges (no attention)",
  create: () => new UniformAttention(),
  defaults: {},
  schema: NO_OPTIONS,
});
