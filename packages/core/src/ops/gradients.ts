/**
 * Gradients of the sparse kernels, written with the sparse ops themselves so they run fused
 * wherever the forward pass does:
 * - aggregateNeighbours: ∂x = Aᵀ·dy (aggregate along reversed edges); ∂values[e] = ⟨dy[rows[e]], x[cols[e]]⟩.
 * - edgeDot: ∂a = A_dy·b; ∂b = A_dyᵀ·a, where A_dy holds dy on the edges.
 * - segmentSoftmax: ∂l = p ⊙ (g − Σ_segment p ⊙ g).
 */
import * as tf from '@tensorflow/tfjs';
import { EDGE_DOT, SEGMENT_SOFTMAX, type SegmentAttrs, SPMM, type SpmmAttrs } from '../kernels/names';
import { aggregateNeighbours, type EdgeIndex, edgeDot } from './sparse';

type Saved = tf.Tensor[];

function savedIndex(saved: Saved, numRows: number, numCols: number): EdgeIndex {
  return { rows: saved[0] as tf.Tensor1D, cols: saved[1] as tf.Tensor1D, numRows, numCols };
}

function reversed(index: EdgeIndex): EdgeIndex {
  return { rows: index.cols, cols: index.rows, numRows: index.numCols, numCols: index.numRows };
}

const noGradient = (tensor: tf.Tensor) => () => tf.zerosLike(tensor);

const spmmGradient: tf.GradConfig = {
  kernelName: SPMM,
  inputsToSave: ['rows', 'cols', 'values', 'x'],
  gradFunc: (dy, saved, attrs) => {
    const [rows, cols, values, x] = saved as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor2D];
    const index = savedIndex(saved, (attrs as unknown as SpmmAttrs).numRows, x.shape[0]);
    return {
      rows: noGradient(rows),
      cols: noGradient(cols),
      values: () => edgeDot(index, dy as tf.Tensor2D, x),
      x: () => aggregateNeighbours(reversed(index), values, dy as tf.Tensor2D),
    };
  },
};

const edgeDotGradient: tf.GradConfig = {
  kernelName: EDGE_DOT,
  inputsToSave: ['rows', 'cols', 'a', 'b'],
  gradFunc: (dy, saved) => {
    const [rows, cols, a, b] = saved as [tf.Tensor1D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];
    const index = savedIndex(saved, a.shape[0], b.shape[0]);
    return {
      rows: noGradient(rows),
      cols: noGradient(cols),
      a: () => aggregateNeighbours(index, dy as tf.Tensor1D, b),
      b: () => aggregateNeighbours(reversed(index), dy as tf.Tensor1D, a),
    };
  },
};

const segmentSoftmaxGradient: tf.GradConfig = {
  kernelName: SEGMENT_SOFTMAX,
  inputsToSave: ['segmentIds'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [segmentIds, probabilities] = saved as [tf.Tensor1D, tf.Tensor1D];
    const { numSegments } = attrs as unknown as SegmentAttrs;
    return {
      segmentIds: noGradient(segmentIds),
      logits: () => {
        const weighted = tf.mul(probabilities, dy as tf.Tensor);
        const perSegment = tf.unsortedSegmentSum(weighted, segmentIds, numSegments);
        return tf.sub(weighted, tf.mul(probabilities, tf.gather(perSegment, segmentIds)));
      },
    };
  },
};

/** The gradient configs of kg4rec's kernels, registered once by `ensureKernels`. */
export const SPARSE_GRADIENTS: readonly tf.GradConfig[] = [spmmGradient, edgeDotGradient, segmentSoftmaxGradient];
