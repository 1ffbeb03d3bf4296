import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GATHER, initBackend, stockKernel, withStockKernel } from '../index';
import { assertNoTensorLeak, loadableBackends, thrownCode } from '../testing/index';

describe.each((await loadableBackends()).filter((b) => b === 'cpu' || b === 'wasm'))('row gather on %s', (backend) => {
  it('matches the stock GatherV2 for row gathers (float32, int32, nd indices) and hands other gathers to it', async () => {
    await initBackend(backend);
    expect(stockKernel(GATHER, backend)).toBeDefined();
    const cases = () => {
      const x = tf.tensor3d(
        Float32Array.from({ length: 5 * 2 * 3 }, (_, i) => i * 0.5 - 3),
        [5, 2, 3],
      );
      const ints = tf.tensor2d(
        Int32Array.from({ length: 5 * 4 }, (_, i) => i * 7 - 11),
        [5, 4],
        'int32',
      );
      const ids = tf.tensor1d([4, 0, 0, 2], 'int32');
      const grid = tf.tensor2d([1, 3, 3, 4], [2, 2], 'int32');
      const lastAxis = tf.tensor1d([2, 0], 'int32');
      const results = [tf.gather(x, ids), tf.gather(ints, grid), tf.gather(x, lastAxis, 2), tf.gather(ints, ids, -2)];
      const values = results.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
      tf.dispose([x, ints, ids, grid, lastAxis, ...results]);
      return values;
    };
    const ours = assertNoTensorLeak(cases);
    const stock = withStockKernel(GATHER, backend, cases);
    expect(ours).toEqual(stock);
  });

  it('rejects an out-of-range index with Kg4recError', async () => {
    await initBackend(backend);
    const x = tf.ones([3, 2]);
    const ids = tf.tensor1d([0, 3], 'int32');
    expect(thrownCode(() => tf.gather(x, ids))).toBe('INVALID_ARGUMENT');
    tf.dispose([x, ids]);
  });
});
