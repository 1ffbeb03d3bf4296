/**
 * Checks kg4rec's kernels on the current backend against float64 references: forward values,
 * and gradients against central finite differences. `kg4rec backends --check` runs it on every
 * backend that loads, so a user can trust a backend before training on it.
 */
import * as tf from '@tensorflow/tfjs';
import { projectByRelation, relationOuter } from '../ops/relation';
import { aggregateNeighbours, disposeEdgeIndex, edgeDot, edgeIndex, segmentSoftmax } from '../ops/sparse';
import { Rng } from '../random';
import { checkGradientsAsync, type GradientCheck } from '../testing/gradients';
import {
  referenceEdgeDot,
  referenceRelationMatMul,
  referenceRelationOuter,
  referenceSegmentSoftmax,
  referenceSegmentSum,
  referenceSpmm,
} from '../testing/reference';

/** The outcome of checking one op. */
export interface KernelCheck {
  op: string;
  /** Largest relative error of the forward output. */
  forwardError: number;
  /** Largest relative error of the gradient against finite differences. */
  gradientError: number;
  ok: boolean;
}

/** Relative error allowed: float32 kernels against float64 references. */
export const KERNEL_TOLERANCE = { forward: 1e-5, gradient: 1e-3 };

const NODES = 9;
const EDGES = 31;
const WIDTH = 4;
const RELATIONS = 3;
const PROJECTED = 5;

/**
 * Runs every kernel check on the current backend, on a seeded random graph (reads are
 * asynchronous, so it runs on GPU backends too). Leaves no tensors behind.
 */
export async function checkKernels(seed = 1): Promise<KernelCheck[]> {
  const rng = new Rng(seed);
  const rows = Int32Array.from({ length: EDGES }, () => rng.int(NODES - 1));
  const cols = Int32Array.from({ length: EDGES }, () => rng.int(NODES));
  const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const index = edgeIndex(rows, cols, NODES, NODES);
  const relations = Int32Array.from({ length: EDGES }, () => rng.int(RELATIONS));
  const projections = { values: floats(RELATIONS * WIDTH * PROJECTED), shape: [RELATIONS, WIDTH, PROJECTED] };
  const rows64 = Float64Array.from(rows);
  const cols64 = Float64Array.from(cols);
  const node = (values: Float32Array) => ({ values, shape: [NODES, WIDTH] });
  const edge = (values: ArrayLike<number>, dtype: 'float32' | 'int32' = 'float32') => ({ values, shape: [EDGES], dtype });
  const checks: Record<string, GradientCheck> = {
    aggregateNeighbours: {
      op: (v, x) => aggregateNeighbours(index, v as tf.Tensor1D, x as tf.Tensor2D),
      reference: (v, x) => referenceSpmm(rows64, cols64, v, x, NODES, NODES),
      inputs: [edge(floats(EDGES)), node(floats(NODES * WIDTH))],
    },
    edgeDot: {
      op: (a, b) => edgeDot(index, a as tf.Tensor2D, b as tf.Tensor2D),
      reference: (a, b) => referenceEdgeDot(rows64, cols64, a, b, WIDTH),
      inputs: [node(floats(NODES * WIDTH)), node(floats(NODES * WIDTH))],
    },
    segmentSoftmax: {
      op: (logits) => segmentSoftmax(logits as tf.Tensor1D, index.rows, NODES),
      reference: (logits) => referenceSegmentSoftmax(logits, rows64, NODES),
      inputs: [edge(floats(EDGES))],
    },
    projectByRelation: {
      op: (x, w, r) => projectByRelation(x as tf.Tensor2D, w as tf.Tensor3D, r as tf.Tensor1D),
      reference: (x, w, r) => referenceRelationMatMul(x, w, r, WIDTH, PROJECTED, false),
      inputs: [{ values: floats(EDGES * WIDTH), shape: [EDGES, WIDTH] }, projections, edge(relations, 'int32')],
    },
    relationOuter: {
      op: (a, b, r) => relationOuter(a as tf.Tensor2D, b as tf.Tensor2D, r as tf.Tensor1D, RELATIONS),
      reference: (a, b, r) => referenceRelationOuter(a, b, r, RELATIONS, WIDTH, PROJECTED),
      inputs: [
        { values: floats(EDGES * WIDTH), shape: [EDGES, WIDTH] },
        { values: floats(EDGES * PROJECTED), shape: [EDGES, PROJECTED] },
        edge(relations, 'int32'),
      ],
    },
    unsortedSegmentSum: {
      op: (x, ids) => tf.unsortedSegmentSum(x, ids as tf.Tensor1D, NODES),
      reference: (x, ids) => referenceSegmentSum(x, ids, NODES, WIDTH),
      inputs: [{ values: floats(EDGES * WIDTH), shape: [EDGES, WIDTH] }, edge(rows, 'int32')],
    },
  };
  try {
    const results: KernelCheck[] = [];
    for (const [op, check] of Object.entries(checks)) results.push(toResult(op, await checkGradientsAsync(check)));
    return results;
  } finally {
    disposeEdgeIndex(index);
  }
}

function toResult(op: string, report: { maxError: number; maxForwardError: number }): KernelCheck {
  const ok = report.maxForwardError < KERNEL_TOLERANCE.forward && report.maxError < KERNEL_TOLERANCE.gradient;
  return { op, forwardError: report.maxForwardError, gradientError: report.maxError, ok };
}
