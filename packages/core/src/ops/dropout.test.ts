import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DROPOUT, dropout, initBackend } from '../index';
import { assertNoTensorLeak, loadableBackends, thrownCode } from '../testing/index';

const backends = await loadableBackends();

describe.each(backends)('dropout on %s', (backend) => {
  it('zeroes about `rate` of the entries, scales the rest by 1/(1 − rate), and repeats for a seed', async () => {
    await initBackend(backend);
    const x = tf.fill([200, 500], 2);
    const [a, b, c] = assertNoTensorLeak(() =>
      [dropout(x, 0.3, 7), dropout(x, 0.3, 7), dropout(x, 0.3, 8)].map((t) => {
        const values = t.dataSync() as Float32Array;
        t.dispose();
        return values;
      }),
    ) as [Float32Array, Float32Array, Float32Array];
    const kept = a.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 2 / 0.7) < 1e-5)).toBe(true);
    expect(kept.length / a.length).toBeGreaterThan(0.69);
    expect(kept.length / a.length).toBeLessThan(0.71);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    x.dispose();
  });

  it('passes the gradient through the same mask', async () => {
    await initBackend(backend);
    const x = tf.randomNormal([40, 30], 0, 1, 'float32', 3);
    const w = tf.randomNormal([40, 30], 0, 1, 'float32', 4);
    const [grad, output] = assertNoTensorLeak(() =>
      tf.tidy(() => {
        const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(dropout(v, 0.5, 11), w)))(x);
        return [g.dataSync().slice(), dropout(x, 0.5, 11).dataSync().slice()];
      }),
    ) as [Float32Array, Float32Array];
    const weights = w.dataSync();
    grad.forEach((g, i) => {
      expect(g).toBeCloseTo(output[i] === 0 ? 0 : 2 * (weights[i] as number), 5);
    });
    tf.dispose([x, w]);
  });

  it('rejects a rate outside [0, 1); rate 0 is the identity', async () => {
    await initBackend(backend);
    const x = tf.ones([3]);
    expect(thrownCode(() => dropout(x, 1, 1))).toBe('INVALID_ARGUMENT');
    const same = dropout(x, 0, 1);
    expect(Array.from(same.dataSync())).toEqual([1, 1, 1]);
    tf.dispose([x, same]);
  });
});

it('runs the fused kernel on cpu and wasm', () => {
  for (const backend of backends.filter((b) => b === 'cpu' || b === 'wasm')) expect(tf.getKernel(DROPOUT, backend)).toBeDefined();
});
