/**
 * The parts of a propagation layer over the collaborative KG: the graph as the layers hold it,
 * the aggregator that combines a node with its neighbourhood, and the attention that weighs the
 * edges. Implemented in `@kg4rec/gnn`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { EdgeIndex } from '../ops/sparse';
import type { RelationSpace } from './kg-embedding';
import type { PartConfig } from './part-config';

/**
 * One relation's edges over only the nodes they touch: `index` rows/cols are positions in
 * `nodes`, so per-relation work (W_r e for attention) projects each touched node once.
 */
export interface RelationBlock {
  relation: number;
  /** Distinct node ids of the relation's heads and tails, int32. */
  nodes: tf.Tensor1D;
  index: EdgeIndex;
}

/** Edges sorted by relation, as tensors; `relationOffsets[r] … relationOffsets[r + 1]` are relation r's. */
export interface PropagationGraph {
  numNodes: number;
  numRelations: number;
  /** rows = heads (receivers), cols = tails (senders). */
  index: EdgeIndex;
  relations: tf.Tensor1D;
  relationOffsets: Int32Array;
  /** Per relation: the nodes its edges touch, and its edges renumbered into that list. */
  relationBlocks: RelationBlock[];
  /**
   * Σ_r D_r⁻¹ A_r as edge weights: 1 / (the head's number of edges of that relation), the
   * weights KGAT starts from before its first attention update.
   */
  relationWiseRandomWalk: Float32Array;
}

/**
 * Combines node and neighbourhood embeddings [N, inputDim] into [N, outputDim]. Created from
 * options that hold at least `inputDim`, `outputDim` and `seed` (the propagation sets them per layer).
 */
export interface Aggregator {
  readonly variables: tf.Variable[];
  apply(self: tf.Tensor2D, neighbours: tf.Tensor2D): tf.Tensor2D;
  getConfig(): PartConfig;
  dispose(): void;
}

/** Weighs the edges of a graph: π(h, r, t) for every edge, in the graph's edge order. */
export interface EdgeAttention {
  /**
   * π for every edge [E] from the nodes' rows [numNodes, d] and the KG embedding's relation
   * space; a head's weights sum to 1.
   */
  weights(graph: PropagationGraph, entities: tf.Tensor2D, space: RelationSpace): tf.Tensor1D;
  getConfig(): PartConfig;
}
