/**
 * Gradients of the sparse kernels, written with the sparse ops themselves so they run fused
 * wherever the forward pass does:
 * - aggregateNeighbours: ∂x = Aᵀ·dy (aggregate along reversed edges); ∂values[e] = ⟨dy[rows[e]], x[cols[e]]⟩.
 * - edgeDot: ∂a = A_dy·b; ∂b = A_dyᵀ·a, where A_dy holds dy on the edges.
 * - segmentSoftmax: ∂l = p ⊙ (g − Σ_segment p ⊙ g).
 * - projectByRelation (y_i = x_i W_{r_i}): ∂x_i = dy_i W_{r_i}ᵀ; ∂W_r = Σ_{i: r_i = r} x_iᵀ dy_i
 *   (transposed: ∂x_i = dy_i W_{r_i}; ∂W_r = Σ dy_iᵀ x_i).
 * - relationOuter (Y_r = Σ a_iᵀ b_i): ∂a_i = b_i dY_{r_i}ᵀ; ∂b_i = a_i dY_{r_i}.
 * - dropout (y = x ⊙ m / (1 − rate)): ∂x = dy ⊙ m / (1 − rate), the same kernel with the same seed.
 */
import * as tf from '@tensorflow/tfjs';
import {
  DROPOUT,
  type DropoutAttrs,
  EDGE_DOT,
  RELATION_MATMUL,
  RELATION_OUTER,
  type RelationMatMulAttrs,
  SEGMENT_SOFTMAX,
  type SegmentAttrs,
  SPMM,
  type SpmmAttrs,
} from '../kernels/names';
import { projectByRelation, relationOuter } from './relation';
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

const relationMatMulGradient: tf.GradConfig = {
  kernelName: RELATION_MATMUL,
  inputsToSave: ['x', 'w', 'relations'],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, relations] = saved as [tf.Tensor2D, tf.Tensor3D, tf.Tensor1D];
    const { transposeW } = attrs as unknown as RelationMatMulAttrs;
    const numRelations = w.shape[0];
    const g = dy as tf.Tensor2D;
    return {
      relations: noGradient(relations),
      x: () => projectByRelation(g, w, relations, !transposeW),
      w: () => (transposeW ? relationOuter(g, x, relations, numRelations) : relationOuter(x, g, relations, numRelations)),
    };
  },
};

const relationOuterGradient: tf.GradConfig = {
  kernelName: RELATION_OUTER,
  inputsToSave: ['a', 'b', 'relations'],
  gradFunc: (dy, saved) => {
    const [a, b, relations] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const g = dy as tf.Tensor3D;
    return {
      relations: noGradient(relations),
      a: () => projectByRelation(b, g, relations, true),
      b: () => projectByRelation(a, g, relations, false),
    };
  },
};

const dropoutGradient: tf.GradConfig = {
  kernelName: DROPOUT,
  gradFunc: (dy, _saved, attrs) => {
    const { rate, seed } = attrs as unknown as DropoutAttrs;
    return { x: () => tf.engine().runKernel(DROPOUT, { x: dy as tf.Tensor }, { rate, seed }) as tf.Tensor };
  },
};

/** The gradient configs of kg4rec's kernels, registered once by `ensureKernels`. */
export const KERNEL_GRADIENTS: readonly tf.GradConfig[] = [
  spmmGradient,
  edgeDotGradient,
  segmentSoftmaxGradient,
  relationMatMulGradient,
  relationOuterGradient,
  dropoutGradient,
];
