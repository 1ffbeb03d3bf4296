import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FixedRows, initBackend, matMulRows, Rng } from '../index';
import { assertNoTensorLeak, checkGradients, denseMatMul, loadableBackends, thrownCode } from '../testing/index';

describe.each(await loadableBackends())('matMulRows on %s', (backend) => {
  it('matches the dense product; its explicit-transpose gradients match finite differences', async () => {
    await initBackend(backend);
    const rng = new Rng(5);
    const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (x, w) => matMulRows(x as tf.Tensor2D, w as tf.Tensor2D),
        reference: (x, w) => denseMatMul(x, w, 7, 5, 3),
        inputs: [
          { values: floats(35), shape: [7, 5] },
          { values: floats(15), shape: [5, 3] },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
  });

  it('takes the other transpose order when x is narrower than the output, with the same gradients', async () => {
    await initBackend(backend);
    const rng = new Rng(6);
    const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (x, w) => matMulRows(x as tf.Tensor2D, w as tf.Tensor2D),
        reference: (x, w) => denseMatMul(x, w, 7, 3, 5),
        inputs: [
          { values: floats(21), shape: [7, 3] },
          { values: floats(15), shape: [3, 5] },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
  });

  it('FixedRows multiplies a constant matrix; its weight gradient matches finite differences', async () => {
    await initBackend(backend);
    const tfjs = await import('@tensorflow/tfjs');
    const rng = new Rng(7);
    const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const xValues = floats(24);
    const report = assertNoTensorLeak(() => {
      const fixed = new FixedRows(tfjs.tensor2d(xValues, [6, 4]));
      try {
        return checkGradients({
          op: (w) => fixed.times(w as tf.Tensor2D),
          reference: (w) => denseMatMul(Float64Array.from(xValues), w, 6, 4, 2),
          inputs: [{ values: floats(8), shape: [4, 2] }],
        });
      } finally {
        fixed.dispose();
      }
    });
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
  });

  it('FixedRows.rowsTimes multiplies chosen rows (repeats allowed); its weight gradient matches finite differences', async () => {
    await initBackend(backend);
    const tfjs = await import('@tensorflow/tfjs');
    const rng = new Rng(8);
    const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const xValues = floats(24);
    const rows = [4, 0, 4, 2];
    const picked = Float64Array.from(rows.flatMap((r) => Array.from(xValues.subarray(r * 4, r * 4 + 4))));
    const report = assertNoTensorLeak(() => {
      const fixed = new FixedRows(tfjs.tensor2d(xValues, [6, 4]));
      const index = tfjs.tensor1d(rows, 'int32');
      try {
        return checkGradients({
          op: (w) => fixed.rowsTimes(index, w as tf.Tensor2D),
          reference: (w) => denseMatMul(picked, w, 4, 4, 2),
          inputs: [{ values: floats(8), shape: [4, 2] }],
        });
      } finally {
        fixed.dispose();
        index.dispose();
      }
    });
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
  });

  it('rejects shapes that do not chain', async () => {
    await initBackend(backend);
    const { ones } = await import('@tensorflow/tfjs');
    const [x, w] = [ones([2, 3]) as tf.Tensor2D, ones([2, 3]) as tf.Tensor2D];
    expect(thrownCode(() => matMulRows(x, w))).toBe('SHAPE_MISMATCH');
    x.dispose();
    w.dispose();
  });
});
