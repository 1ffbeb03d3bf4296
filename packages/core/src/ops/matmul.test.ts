import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, matMulRows, Rng } from '../index';
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

  it('rejects shapes that do not chain', async () => {
    await initBackend(backend);
    const { ones } = await import('@tensorflow/tfjs');
    const [x, w] = [ones([2, 3]) as tf.Tensor2D, ones([2, 3]) as tf.Tensor2D];
    expect(thrownCode(() => matMulRows(x, w))).toBe('SHAPE_MISMATCH');
    x.dispose();
    w.dispose();
  });
});
