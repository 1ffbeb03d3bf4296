import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, SPLIT, stockKernel, withStockKernel } from '../index';
import { assertNoTensorLeak, loadableBackends } from '../testing/index';

describe.each((await loadableBackends()).filter((b) => b === 'cpu' || b === 'wasm'))('block-copy SplitV on %s', (backend) => {
  it('matches the stock kernel on every axis, with -1 sizes, equal splits and int32; concat gradients use it', async () => {
    await initBackend(backend);
    expect(stockKernel(SPLIT, backend)).toBeDefined();
    const cases = () =>
      tf.tidy(() => {
        const x = tf.tensor3d(
          Float32Array.from({ length: 4 * 6 * 3 }, (_, i) => i - 30),
          [4, 6, 3],
        );
        const ints = tf.tensor2d(
          Int32Array.from({ length: 12 }, (_, i) => i * 3),
          [3, 4],
          'int32',
        );
        const parts = [
          ...tf.split(x, [1, 3, -1], 1),
          ...tf.split(x, 2, 0),
          ...tf.split(x, [2, 1], -1),
          ...tf.split(ints, [3, 1], 1),
          tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.concat([v, tf.square(v)], 1), tf.range(1, 25).reshape([3, 8]))))(tf.ones([3, 4])),
        ];
        return parts.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
      });
    const ours = assertNoTensorLeak(cases);
    expect(ours).toEqual(withStockKernel(SPLIT, backend, cases));
  });
});
