import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aggregateNeighbours,
  disposeEdgeIndex,
  EDGE_DOT,
  type EdgeIndex,
  edgeDot,
  edgeIndex,
  initBackend,
  Rng,
  SEGMENT_SOFTMAX,
  SPMM,
  segmentSoftmax,
} from '../index';
import {
  assertNoTensorLeak,
  checkGradients,
  loadableBackends,
  referenceEdgeDot,
  referenceSegmentSoftmax,
  referenceSpmm,
  thrownCode,
  withoutKernels,
} from '../testing/index';

/** A small random graph with repeated edges, isolated rows and self-loops. */
function randomGraph(seed: number, numRows: number, numCols: number, numEdges: number) {
  const rng = new Rng(seed);
  const rows = Int32Array.from({ length: numEdges }, () => rng.int(numRows - 1));
  const cols = Int32Array.from({ length: numEdges }, () => rng.int(numCols));
  const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  return { rows, cols, numRows, numCols, floats };
}

const GRAPH = randomGraph(11, 7, 6, 23);
const WIDTH = 6; // exercises both the unrolled-by-4 loop and its remainder
const as64 = (values: ArrayLike<number>) => Float64Array.from(values);
const TOLERANCE = 1e-3;

const backends = await loadableBackends();

describe.each(backends)('sparse ops on %s', (backend) => {
  let index: EdgeIndex;
  beforeAll(async () => {
    await initBackend(backend);
    index = edgeIndex(GRAPH.rows, GRAPH.cols, GRAPH.numRows, GRAPH.numCols);
  });
  afterAll(() => disposeEdgeIndex(index));

  it('aggregateNeighbours matches the dense product and its gradients match finite differences', () => {
    const values = GRAPH.floats(GRAPH.rows.length);
    const x = GRAPH.floats(GRAPH.numCols * WIDTH);
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (v, features) => aggregateNeighbours(index, v as tf.Tensor1D, features as tf.Tensor2D),
        reference: (v, features) => referenceSpmm(as64(GRAPH.rows), as64(GRAPH.cols), v, features, GRAPH.numRows, GRAPH.numCols),
        inputs: [
          { values, shape: [values.length] },
          { values: x, shape: [GRAPH.numCols, WIDTH] },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(TOLERANCE);
  });

  it('edgeDot matches per-edge dot products and its gradients match finite differences', () => {
    const a = GRAPH.floats(GRAPH.numRows * WIDTH);
    const b = GRAPH.floats(GRAPH.numCols * WIDTH);
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (ta, tb) => edgeDot(index, ta as tf.Tensor2D, tb as tf.Tensor2D),
        reference: (ra, rb) => referenceEdgeDot(as64(GRAPH.rows), as64(GRAPH.cols), ra, rb, WIDTH),
        inputs: [
          { values: a, shape: [GRAPH.numRows, WIDTH] },
          { values: b, shape: [GRAPH.numCols, WIDTH] },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(TOLERANCE);
  });

  it('segmentSoftmax normalises within segments and its gradient matches finite differences', () => {
    const logits = GRAPH.floats(GRAPH.rows.length).map((v) => v * 3);
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (l) => segmentSoftmax(l as tf.Tensor1D, index.rows, GRAPH.numRows),
        reference: (l) => referenceSegmentSoftmax(l, as64(GRAPH.rows), GRAPH.numRows),
        inputs: [{ values: logits, shape: [logits.length] }],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(TOLERANCE);
  });

  it('segmentSoftmax stays finite for large logits (shifted per segment)', () => {
    const logits = tf.tensor1d(Array.from(GRAPH.rows, (r, e) => 500 * r + e));
    const probabilities = segmentSoftmax(logits, index.rows, GRAPH.numRows);
    const sums = tf.unsortedSegmentSum(probabilities, index.rows, GRAPH.numRows);
    const present = new Set(GRAPH.rows);
    for (const [row, sum] of Array.from(sums.dataSync()).entries()) expect(sum).toBeCloseTo(present.has(row) ? 1 : 0, 5);
    tf.dispose([logits, probabilities, sums]);
  });

  it('rejects out-of-range indices and mismatched shapes with Kg4recError', () => {
    const bad = edgeIndex([0, 9], [0, 1], 3, 2);
    const x = tf.ones([2, 2]) as tf.Tensor2D;
    const values = tf.ones([2]) as tf.Tensor1D;
    const tooManyValues = tf.ones([3]) as tf.Tensor1D;
    const tooManyRows = tf.ones([5, 2]) as tf.Tensor2D;
    if (backend === 'cpu' || backend === 'wasm') {
      expect(thrownCode(() => assertNoTensorLeak(() => aggregateNeighbours(bad, values, x)))).toBe('INVALID_ARGUMENT');
    }
    expect(thrownCode(() => aggregateNeighbours(bad, tooManyValues, x))).toBe('SHAPE_MISMATCH');
    expect(thrownCode(() => aggregateNeighbours(bad, values, tooManyRows))).toBe('SHAPE_MISMATCH');
    expect(thrownCode(() => edgeDot(bad, tooManyRows, x))).toBe('SHAPE_MISMATCH');
    expect(thrownCode(() => segmentSoftmax(tooManyValues, bad.rows, 3))).toBe('SHAPE_MISMATCH');
    tf.dispose([x, values, tooManyValues, tooManyRows]);
    disposeEdgeIndex(bad);
  });

  it('runs the fused kernels where the backend has them', () => {
    const fused = [SPMM, EDGE_DOT, SEGMENT_SOFTMAX].map((name) => tf.getKernel(name, backend) !== undefined);
    expect(fused).toEqual(new Array(3).fill(backend === 'cpu' || backend === 'wasm'));
  });
});

describe.each(backends.filter((b) => b === 'cpu' || b === 'wasm'))('fallback composites on %s', (backend) => {
  it('give the fused kernels results when the kernels are taken away', async () => {
    await initBackend(backend);
    const index = edgeIndex(GRAPH.rows, GRAPH.cols, GRAPH.numRows, GRAPH.numCols);
    const values = tf.tensor1d(GRAPH.floats(GRAPH.rows.length));
    const x = tf.tensor2d(GRAPH.floats(GRAPH.numCols * WIDTH), [GRAPH.numCols, WIDTH]);
    const a = tf.tensor2d(GRAPH.floats(GRAPH.numRows * WIDTH), [GRAPH.numRows, WIDTH]);
    const run = () =>
      tf.tidy(() => {
        const grads = tf.grads((v, features) => tf.sum(tf.mul(aggregateNeighbours(index, v as tf.Tensor1D, features as tf.Tensor2D), 1.5)));
        return [
          aggregateNeighbours(index, values, x),
          edgeDot(index, a, x),
          segmentSoftmax(values, index.rows, GRAPH.numRows),
          ...grads([values, x]),
        ].map((t) => Array.from(t.dataSync()));
      });
    const fused = run();
    const composite = withoutKernels(backend, [SPMM, EDGE_DOT, SEGMENT_SOFTMAX], () => assertNoTensorLeak(run));
    for (const [i, values] of composite.entries()) {
      for (const [j, v] of values.entries()) expect(v).toBeCloseTo(fused[i]?.[j] as number, 4);
    }
    tf.dispose([values, x, a]);
    disposeEdgeIndex(index);
  });
});

it('finds at least the cpu and wasm backends here', () => {
  expect(backends).toEqual(expect.arrayContaining(['cpu', 'wasm']));
});
