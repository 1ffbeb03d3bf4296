import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, projectByRelation, RELATION_MATMUL, RELATION_OUTER, Rng, relationOuter } from '../index';
import {
  assertNoTensorLeak,
  checkGradients,
  loadableBackends,
  referenceRelationMatMul,
  referenceRelationOuter,
  thrownCode,
  withoutKernels,
} from '../testing/index';

const ROWS = 13;
const RELATIONS = 4;
const D = 6; // exercises the unrolled-by-4 loops and their remainder
const K = 5;
const TOLERANCE = 1e-3;

function fixture(seed: number) {
  const rng = new Rng(seed);
  const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  // relation 3 never occurs: its gradient rows must stay zero
  const relations = Int32Array.from({ length: ROWS }, () => rng.int(RELATIONS - 1));
  return { floats, relations, relations64: Float64Array.from(relations) };
}

const backends = await loadableBackends();
const hostBackends = backends.filter((b) => b === 'cpu' || b === 'wasm');
const isHost = (backend: string) => backend === 'cpu' || backend === 'wasm';

describe.each(backends)('relation products on %s', (backend) => {
  it.each([false, true])(
    'projectByRelation (transposeW %s) matches the reference; gradients match finite differences',
    async (transposeW) => {
      await initBackend(backend);
      const { floats, relations, relations64 } = fixture(transposeW ? 2 : 1);
      const inWidth = transposeW ? K : D;
      const report = assertNoTensorLeak(() =>
        checkGradients({
          op: (x, w, r) => projectByRelation(x as tf.Tensor2D, w as tf.Tensor3D, r as tf.Tensor1D, transposeW),
          reference: (x, w) => referenceRelationMatMul(x, w, relations64, D, K, transposeW),
          inputs: [
            { values: floats(ROWS * inWidth), shape: [ROWS, inWidth] },
            { values: floats(RELATIONS * D * K), shape: [RELATIONS, D, K] },
            { values: relations, shape: [ROWS], dtype: 'int32' },
          ],
        }),
      );
      expect(report.maxForwardError).toBeLessThan(1e-5);
      expect(report.maxError).toBeLessThan(TOLERANCE);
    },
  );

  it('relationOuter matches the reference; gradients match finite differences', async () => {
    await initBackend(backend);
    const { floats, relations, relations64 } = fixture(3);
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (a, b, r) => relationOuter(a as tf.Tensor2D, b as tf.Tensor2D, r as tf.Tensor1D, RELATIONS),
        reference: (a, b) => referenceRelationOuter(a, b, relations64, RELATIONS, D, K),
        inputs: [
          { values: floats(ROWS * D), shape: [ROWS, D] },
          { values: floats(ROWS * K), shape: [ROWS, K] },
          { values: relations, shape: [ROWS], dtype: 'int32' },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(TOLERANCE);
  });

  it('rejects mismatched shapes, and out-of-range relations on the fused kernels, with Kg4recError', async () => {
    await initBackend(backend);
    const x = tf.ones([2, D]) as tf.Tensor2D;
    const w = tf.ones([RELATIONS, D, K]) as tf.Tensor3D;
    const good = tf.tensor1d([0, 1], 'int32');
    const outOfRange = tf.tensor1d([0, RELATIONS], 'int32');
    const tooMany = tf.tensor1d([0, 1, 2], 'int32');
    expect(thrownCode(() => projectByRelation(x, w, tooMany))).toBe('SHAPE_MISMATCH');
    expect(thrownCode(() => projectByRelation(x, w, good, true))).toBe('SHAPE_MISMATCH');
    expect(thrownCode(() => relationOuter(x, x, tooMany, RELATIONS))).toBe('SHAPE_MISMATCH');
    if (isHost(backend)) {
      expect(thrownCode(() => assertNoTensorLeak(() => projectByRelation(x, w, outOfRange)))).toBe('INVALID_ARGUMENT');
    }
    tf.dispose([x, w, good, outOfRange, tooMany]);
  });
});

describe.each(hostBackends)('relation product fallbacks on %s', (backend) => {
  it('give the fused kernels results (values and gradients) when the kernels are taken away', async () => {
    await initBackend(backend);
    const { floats, relations } = fixture(4);
    const x = tf.tensor2d(floats(ROWS * D), [ROWS, D]);
    const w = tf.tensor3d(floats(RELATIONS * D * K), [RELATIONS, D, K]);
    const r = tf.tensor1d(relations, 'int32');
    const run = () =>
      tf.tidy(() => {
        const grads = tf.grads((a, b) => tf.sum(tf.square(projectByRelation(a as tf.Tensor2D, b as tf.Tensor3D, r))));
        return [projectByRelation(x, w, r), relationOuter(x, projectByRelation(x, w, r), r, RELATIONS), ...grads([x, w])].map((t) =>
          Array.from(t.dataSync()),
        );
      });
    const fused = run();
    const composite = withoutKernels(backend, [RELATION_MATMUL, RELATION_OUTER], () => assertNoTensorLeak(run));
    for (const [i, values] of composite.entries()) {
      for (const [j, v] of values.entries()) expect(v).toBeCloseTo(fused[i]?.[j] as number, 4);
    }
    tf.dispose([x, w, r]);
  });
});
