/**
 * Multi-KG4Rec's modality graphs (docs/method.md §1): one stream per modality, whose layer 0 is
 * a node's reduced features `LeakyReLU(W_m c_m + b_m)` where it has content and its ID embedding
 * where not, each with its own propagation. A stream's table is [ID rows ; reduced rows]: node n
 * reads row `source[n]` of it (n itself, or numNodes + r for the r-th owner of features).
 */
import type { NodeFeatures } from '@kg4rec/core';
import type { Propagation } from '@kg4rec/gnn';
import * as tf from '@tensorflow/tfjs';
import { FeatureReduction } from './reduction';

/** A modality of content. */
export type Modality = 'visual' | 'text';

/** One modality graph: its features' reduction and its propagation (`id`: no content, KGAT's). */
export interface Stream {
  modality: Modality | 'id';
  reduction?: FeatureReduction;
  /** Node n's layer-0 row in the stream's table. */
  source?: tf.Tensor1D;
  /** The same on the host, for the fusion's sequences. */
  sourceRows?: Int32Array;
  /** `source` of the nodes after the items, where one of them owns features (else those rows are ID rows). */
  nonItemSource?: tf.Tensor1D;
  propagation: Propagation;
}

/** Sizes and settings a stream is built with. */
export interface StreamPlan {
  numNodes: number;
  numItems: number;
  dim: number;
  leakySlope: number;
  /** The reduction's seed. */
  seed: number;
}

/** A modality's stream over `features` with its own `propagation`. */
export function createStream(modality: Modality, features: NodeFeatures, propagation: Propagation, plan: StreamPlan): Stream {
  const { numNodes, numItems, dim, leakySlope, seed } = plan;
  const reduction = new FeatureReduction(features, { dim, leakySlope, seed, name: `multikg4rec.${modality}.reduce` });
  const source = Int32Array.from({ length: numNodes }, (_, n) => n);
  reduction.owners.forEach((node, r) => {
    source[node] = numNodes + r;
  });
  const nonItemOwner = reduction.owners.some((node) => node >= numItems);
  return {
    modality,
    reduction,
    source: tf.tensor1d(source, 'int32'),
    sourceRows: source,
    ...(nonItemOwner ? { nonItemSource: tf.tensor1d(source.subarray(numItems), 'int32') } : {}),
    propagation,
  };
}

/** A stream's ID embeddings followed by its reduced features (row numNodes + r: owner r's). */
function table(stream: Stream, ids: tf.Tensor2D): tf.Tensor2D {
  return stream.reduction ? (tf.concat([ids, stream.reduction.apply()], 0) as tf.Tensor2D) : ids;
}

/** Layer 0 of every node: reduced features where a node has content, its ID embedding elsewhere. */
export function streamLayerZero(stream: Stream, ids: tf.Tensor2D): tf.Tensor2D {
  if (!stream.reduction || !stream.source) return ids;
  return tf.gather(table(stream, ids), stream.source) as tf.Tensor2D;
}

/**
 * Layer 0 of the nodes after the items (users, entities): their ID rows, or, where one of them
 * owns features, their rows of the stream's table. (Only this, not every node's layer 0, when
 * the items' rows come from the fusion: a gather over every node, and its gradient, cost more
 * than the rest.)
 */
export function nonItemRows(stream: Stream, ids: tf.Tensor2D, numItems: number): tf.Tensor2D {
  if (stream.nonItemSource) return tf.gather(table(stream, ids), stream.nonItemSource) as tf.Tensor2D;
  return tf.slice(ids, [numItems, 0], [-1, -1]);
}

/** Frees a stream's propagation, reduction and index tensors. */
export function disposeStream(stream: Stream): void {
  stream.propagation.dispose();
  stream.reduction?.dispose();
  stream.source?.dispose();
  stream.nonItemSource?.dispose();
}
