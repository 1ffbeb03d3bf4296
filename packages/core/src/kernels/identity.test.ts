import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { IDENTITY, initBackend, stockKernel, withStockKernel } from '../index';
import { assertNoTensorLeak, loadableBackends } from '../testing/index';

describe.each((await loadableBackends()).filter((b) => b === 'wasm'))('memory-sharing Identity on %s', (backend) => {
  it('clones without copying, frees the memory once the last sharer is disposed, and survives assign', async () => {
    await initBackend(backend);
    expect(stockKernel(IDENTITY, backend)).toBeDefined();
    const dataIds = () => tf.backend().numDataIds();
    const before = dataIds();
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    expect(dataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(dataIds()).toBe(before);

    const [initial, next] = [tf.tensor1d([4, 5]), tf.tensor1d([6, 7])];
    const v = tf.variable(initial);
    const saved = tf.clone(v);
    v.assign(next);
    expect(Array.from(saved.dataSync())).toEqual([4, 5]);
    expect(Array.from(v.dataSync())).toEqual([6, 7]);
    tf.dispose([saved, v, initial, next]);
    expect(dataIds()).toBe(before);
  });

  it('gives the same gradients as the copying kernel (tfjs saves inputs through Identity)', async () => {
    await initBackend(backend);
    const x = tf.tensor2d([0.5, -1, 2, 3, -0.25, 1.5], [2, 3]);
    const w = tf.tensor2d([1, 2, -1, 0.5, 0, 3], [3, 2]);
    const gradients = () =>
      tf.tidy(() => {
        const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.leakyRelu(tf.matMul(a, b), 0.2))))([x, w]);
        return [Array.from((gx as tf.Tensor).dataSync()), Array.from((gw as tf.Tensor).dataSync())];
      });
    const ours = assertNoTensorLeak(gradients);
    expect(ours).toEqual(withStockKernel(IDENTITY, backend, gradients));
    tf.dispose([x, w]);
  });
});
