import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, initTensor, initValues, Rng } from './index';
import { assertNoTensorLeak } from './testing/index';

describe('initialisers', () => {
  beforeAll(() => initBackend('cpu'));

  it('are deterministic for a seed', () => {
    expect(initValues([8, 4], 'xavierUniform', new Rng(1))).toEqual(initValues([8, 4], 'xavierUniform', new Rng(1)));
  });

  it('xavierUniform stays within ±sqrt(6 / (fanIn + fanOut)) and fills the range', () => {
    const values = initValues([64, 64], 'xavierUniform', new Rng(2));
    const limit = Math.sqrt(6 / 128);
    expect(Math.max(...values)).toBeLessThanOrEqual(limit);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-limit);
    expect(Math.max(...values)).toBeGreaterThan(0.95 * limit);
  });

  it("xavierUniform of a stack [R, d, k] uses PyTorch's fans (d·k in, R·k out), as KGAT's code initialises W_r", () => {
    const values = initValues([16, 64, 64], 'xavierUniform', new Rng(4));
    const bound = Math.sqrt(6 / (64 * 64 + 16 * 64));
    const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeLessThanOrEqual(bound);
    expect(largest).toBeGreaterThan(0.99 * bound);
  });

  it('xavierNormal has standard deviation sqrt(2 / (fanIn + fanOut))', () => {
    const values = initValues([200, 300], 'xavierNormal', new Rng(3));
    const std = Math.sqrt(values.reduce((a, v) => a + v * v, 0) / values.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 500), 3);
  });

  it('normal and uniform use the given scale; zeros are zeros', () => {
    const normal = initValues([10_000], 'normal', new Rng(4), { scale: 0.1 });
    const std = Math.sqrt(normal.reduce((a, v) => a + v * v, 0) / normal.length);
    expect(std).toBeCloseTo(0.1, 2);
    expect(Math.max(...initValues([1000], 'uniform', new Rng(5), { scale: 0.5 }).map(Math.abs))).toBeLessThanOrEqual(0.5);
    expect(initValues([3], 'zeros', new Rng(6))).toEqual(new Float32Array(3));
  });

  it('builds tensors of the requested shape without leaking', () => {
    const tensor = assertNoTensorLeak(() => initTensor([3, 5], 'xavierUniform', new Rng(7)));
    expect(tensor.isDisposed).toBe(true);
    const kept = initTensor([3, 5], 'xavierUniform', new Rng(7));
    expect(kept.shape).toEqual([3, 5]);
    expect(kept.dtype).toBe('float32');
    kept.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('rejects bad shapes', () => {
    expect(() => initValues([2, -1], 'zeros', new Rng(1))).toThrowError(/non-negative integers/);
  });
});
