/**
 * Sparse neighbour operations: the hot path of every graph model in kg4rec. On `cpu` and `wasm`
 * they run fused host kernels (no [edges × width] intermediate); on other backends they fall back
 * to stock ops (gather, multiply, unsortedSegmentSum). Gradients are registered for the kernels
 * and come from autodiff on the fallback, so both paths train.
 */
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';
import { EDGE_DOT, SEGMENT_SOFTMAX, SPMM } from '../kernels/names';
import { hasFusedKernel } from '../kernels/register';

/**
 * The structure of a sparse `numRows × numCols` matrix in coordinate form. Edge `e` carries a
 * message from source node `cols[e]` to target node `rows[e]`; for a CSR adjacency by head, the
 * head is the row. Both index tensors are int32 of the same length.
 */
export interface EdgeIndex {
  rows: tf.Tensor1D;
  cols: tf.Tensor1D;
  numRows: number;
  numCols: number;
}

/** Builds an {@link EdgeIndex} from index arrays. Dispose it with {@link disposeEdgeIndex}. */
export function edgeIndex(rows: ArrayLike<number>, cols: ArrayLike<number>, numRows: number, numCols: number): EdgeIndex {
  if (rows.length !== cols.length) {
    throw new Kg4recError('SHAPE_MISMATCH', `edgeIndex: rows has ${rows.length} entries but cols has ${cols.length}`);
  }
  return {
    rows: tf.tensor1d(Int32Array.from(rows), 'int32'),
    cols: tf.tensor1d(Int32Array.from(cols), 'int32'),
    numRows,
    numCols,
  };
}

/** Frees the tensors of an {@link EdgeIndex}. */
export function disposeEdgeIndex(index: EdgeIndex): void {
  tf.dispose([index.rows, index.cols]);
}

/** The number of edges of an {@link EdgeIndex}. */
export function edgeCount(index: EdgeIndex): number {
  return index.rows.shape[0];
}

function expectRows(op: string, name: string, tensor: tf.Tensor, rows: number): void {
  if (tensor.rank !== 2 || tensor.shape[0] !== rows) {
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: ${name} must be [${rows}, width], got [${tensor.shape.join(', ')}]`);
  }
}

function expectEdges(op: string, name: string, tensor: tf.Tensor, edges: number): void {
  if (tensor.rank !== 1 || tensor.shape[0] !== edges) {
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: ${name} must be [${edges}] (one per edge), got [${tensor.shape.join(', ')}]`);
  }
}

/**
 * Weighted neighbour aggregation (sparse × dense): `out[i] = Σ_{e: rows[e] = i} values[e] · x[cols[e]]`.
 * With `values` = attention weights π(h, r, t) this is `e_{N_h}` of KGAT and Multi-KG4Rec.
 *
 * @param values one weight per edge, float32 [E]; differentiable.
 * @param x source node features, [numCols, width]; differentiable.
 * @returns [numRows, width].
 */
export function aggregateNeighbours(index: EdgeIndex, values: tf.Tensor1D, x: tf.Tensor2D): tf.Tensor2D {
  expectEdges('aggregateNeighbours', 'values', values, edgeCount(index));
  expectRows('aggregateNeighbours', 'x', x, index.numCols);
  if (hasFusedKernel(SPMM)) {
    const inputs = { rows: index.rows, cols: index.cols, values, x };
    return tf.engine().runKernel(SPMM, inputs, { numRows: index.numRows }) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const messages = tf.mul(tf.gather(x, index.cols), tf.expandDims(values, 1));
    return tf.unsortedSegmentSum(messages, index.rows, index.numRows) as tf.Tensor2D;
  });
}

/**
 * Per-edge dot product (sampled dense-dense product): `out[e] = ⟨a[rows[e]], b[cols[e]]⟩`,
 * e.g. the attention logits of every edge without an [E × width] intermediate.
 *
 * @param a target-side features, [numRows, width]; @param b source-side features, [numCols, width].
 * @returns float32 [E].
 */
export function edgeDot(index: EdgeIndex, a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  expectRows('edgeDot', 'a', a, index.numRows);
  expectRows('edgeDot', 'b', b, index.numCols);
  if (a.shape[1] !== b.shape[1]) {
    throw new Kg4recError('SHAPE_MISMATCH', `edgeDot: a has width ${a.shape[1]} but b has width ${b.shape[1]}`);
  }
  if (hasFusedKernel(EDGE_DOT)) {
    return tf.engine().runKernel(EDGE_DOT, { rows: index.rows, cols: index.cols, a, b }, {}) as tf.Tensor1D;
  }
  return tf.tidy(() => tf.sum(tf.mul(tf.gather(a, index.rows), tf.gather(b, index.cols)), 1) as tf.Tensor1D);
}

/**
 * Softmax of per-edge logits within each segment: `out[e] = exp(l_e) / Σ_{e': s(e') = s(e)} exp(l_e')`.
 * With `segmentIds = index.rows` this normalises attention over each head's ego-network N_h.
 * The fused kernel shifts by each segment's maximum; the fallback shifts by the global maximum.
 */
export function segmentSoftmax(logits: tf.Tensor1D, segmentIds: tf.Tensor1D, numSegments: number): tf.Tensor1D {
  expectEdges('segmentSoftmax', 'segmentIds', segmentIds, logits.shape[0]);
  if (hasFusedKernel(SEGMENT_SOFTMAX)) {
    return tf.engine().runKernel(SEGMENT_SOFTMAX, { logits, segmentIds }, { numSegments }) as tf.Tensor1D;
  }
  return tf.tidy(() => {
    // The output does not depend on the shift, so its gradient through `max` is zero.
    const shifted = tf.exp(tf.sub(logits, tf.max(logits)));
    const sums = tf.unsortedSegmentSum(shifted, segmentIds, numSegments);
    return tf.div(shifted, tf.gather(sums, segmentIds)) as tf.Tensor1D;
  });
}
