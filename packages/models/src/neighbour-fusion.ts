/**
 * Multi-KG4Rec's fusion input and output (docs/method.md §3): each item's neighbour sequence is
 * read in both modality graphs' layer 0 (a position's reduced features where its node has them,
 * its ID embedding where not), fused by the fusion block, and the fused rows become the items'
 * layer 0 (L2-normalised by default: LayerNorm leaves rows of norm ≈ √d, two orders above the ID
 * embeddings).
 */
import type { FusionBlock, NeighbourSequences } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import type { Stream } from './modality-streams';
import type { FeatureReduction } from './reduction';

/** The fused items' layer 0: `l2` (unit rows) or `raw` (the fusion block's output). */
export type FusionOutput = 'l2' | 'raw';

/** What a fusion of some items reads. */
export interface NeighbourFusion {
  sequences: NeighbourSequences;
  /** The visual and text streams, in that order. */
  streams: readonly Stream[];
  /** ID embeddings of every node [numNodes, dim]; a stream's reduced rows are numbered after them. */
  ids: tf.Tensor2D;
  fusion: FusionBlock;
  output: FusionOutput;
}

/** The items' sequence positions: node ids (padding read as node 0) and the mask. */
function positions(items: Int32Array, sequences: NeighbourSequences): { nodes: Int32Array; mask: Float32Array } {
  const { length } = sequences;
  const nodes = new Int32Array(items.length * length);
  const mask = new Float32Array(items.length * length);
  items.forEach((item, k) => {
    for (let p = 0; p < length; p++) {
      nodes[k * length + p] = Math.max(sequences.nodes[item * length + p] as number, 0);
      mask[k * length + p] = sequences.mask[item * length + p] as number;
    }
  });
  return { nodes, mask };
}

/**
 * A stream's layer-0 rows at the sequence positions `nodes` [positions, d]. The reduced rows come
 * from `reduced` (every owner's, in owner order) when given, else are reduced now for these
 * positions only (a CF step's few items: the product and its gradient cost those rows, not every
 * owner's). ID rows and reduced rows are gathered separately: gathering from one
 * [ID rows ; reduced rows] table made every step concatenate and split a [nodes + owners, d]
 * matrix per modality.
 */
function sequenceRows(stream: Stream, nodes: Int32Array, idRows: tf.Tensor2D, input: NeighbourFusion, reduced?: tf.Tensor2D): tf.Tensor2D {
  const rows = stream.sourceRows as Int32Array;
  const numNodes = input.ids.shape[0];
  const dim = idRows.shape[1];
  const ownerRows = nodes.map((node) => Math.max((rows[node] as number) - numNodes, 0));
  const featureRows = reduced
    ? tf.gather(reduced, tf.tensor1d(ownerRows, 'int32'))
    : (stream.reduction as FeatureReduction).applyRows(ownerRows);
  const owned = tf.tensor2d(
    Uint8Array.from({ length: nodes.length * dim }, (_, k) => ((rows[nodes[Math.floor(k / dim)] as number] as number) >= numNodes ? 1 : 0)),
    [nodes.length, dim],
    'bool',
  );
  return tf.where(owned, featureRows, idRows) as tf.Tensor2D;
}

/** The fused [visual, text] layer-0 rows of `items` [items, d] each. */
export function fuseNeighbourhoods(
  input: NeighbourFusion,
  items: Int32Array,
  training: boolean,
  reduced?: readonly tf.Tensor2D[],
): tf.Tensor2D[] {
  const { length } = input.sequences;
  const { nodes, mask } = positions(items, input.sequences);
  const idRows = tf.gather(input.ids, tf.tensor1d(nodes, 'int32')) as tf.Tensor2D;
  const dim = input.ids.shape[1];
  const [visual, text] = input.streams.map(
    (stream, m) => tf.reshape(sequenceRows(stream, nodes, idRows, input, reduced?.[m]), [items.length, length, dim]) as tf.Tensor3D,
  ) as [tf.Tensor3D, tf.Tensor3D];
  const fused = input.fusion.fuse(visual, text, tf.tensor2d(mask, [items.length, length]), { training });
  return fusedLayerZero(fused, input.output);
}

/**
 * The fused [visual, text] layer-0 rows of items whose sequence is the item alone (items added
 * after training: no edges, so no neighbours), from their reduced rows [items, d] per modality.
 */
export function fuseAlone(fusion: FusionBlock, output: FusionOutput, visual: tf.Tensor2D, text: tf.Tensor2D): tf.Tensor2D[] {
  const alone = (x: tf.Tensor2D) => tf.expandDims(x, 1) as tf.Tensor3D;
  const fused = fusion.fuse(alone(visual), alone(text), tf.ones([visual.shape[0], 1]), { training: false });
  return fusedLayerZero(fused, output);
}

/** The fusion block's output as layer 0: unit rows (`l2`) or as it is (`raw`). */
function fusedLayerZero(fused: { visual: tf.Tensor2D; text: tf.Tensor2D }, output: FusionOutput): tf.Tensor2D[] {
  if (output === 'raw') return [fused.visual, fused.text];
  return [fused.visual, fused.text].map((x) => tf.div(x, tf.add(tf.norm(x, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D);
}
