import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ADAM_UPDATE, fusedAdam, initBackend, Rng } from '../index';
import { assertNoTensorLeak, loadableBackends, withoutKernels } from '../testing/index';

const backends = await loadableBackends();

/** Variables of a few shapes and a loss over them whose gradients differ per entry and per step. */
function problem(seed: number) {
  const rng = new Rng(seed);
  const values = (n: number) => Float32Array.from({ length: n }, () => rng.float() * 2 - 1);
  const a = tf.variable(tf.tensor2d(values(12), [3, 4]));
  const b = tf.variable(tf.tensor1d(values(5)));
  const unused = tf.variable(tf.tensor1d(values(2)));
  const loss = (step: number) => tf.add(tf.sum(tf.mul(tf.square(a), step + 1)), tf.sum(tf.sin(tf.mul(b, step + 2))));
  const variables: tf.Variable[] = [a, b, unused];
  return { variables, loss, dispose: () => tf.dispose([a, b, unused]) };
}

/** Runs `steps` steps of `optimizer` on a fresh problem; the variables' values after each. */
function train(optimizer: tf.Optimizer, seed: number, steps: number): Float32Array[][] {
  const p = problem(seed);
  const trace: Float32Array[][] = [];
  for (let s = 0; s < steps; s++) {
    optimizer.minimize(() => p.loss(s) as tf.Scalar, false, p.variables);
    trace.push(p.variables.map((v) => v.dataSync() as Float32Array));
  }
  p.dispose();
  optimizer.dispose();
  return trace;
}

function expectClose(actual: Float32Array[][], expected: Float32Array[][], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((step, s) => {
    step.forEach((values, k) => {
      const reference = expected[s]?.[k] as Float32Array;
      const worst = values.reduce((max, x, i) => Math.max(max, Math.abs(x - (reference[i] as number))), 0);
      expect(worst).toBeLessThanOrEqual(tolerance);
    });
  });
}

describe.each(backends)('fusedAdam on %s', (backend) => {
  it("takes tfjs's Adam steps (a variable without a gradient is left alone)", async () => {
    await initBackend(backend);
    const initial = problem(1);
    const start = initial.variables.map((v) => v.dataSync() as Float32Array);
    initial.dispose();
    const fused = train(fusedAdam(0.05), 1, 6);
    const stock = train(tf.train.adam(0.05, 0.9, 0.999, 1e-8), 1, 6);
    expectClose(fused, stock, 1e-6);
    expect(fused[5]?.[2]).toEqual(start[2]);
    // Adam's first step moves every entry with a gradient by lr.
    const moved = Array.from(fused[0]?.[0] ?? [], (x, i) => Math.abs(x - (start[0]?.[i] as number)));
    for (const step of moved) expect(step).toBeCloseTo(0.05, 4);
  });

  it('uses the fused kernel here, and without it falls back to the stock step', async () => {
    await initBackend(backend);
    expect(tf.getKernel(ADAM_UPDATE, backend)).toBeDefined();
    const fallback = withoutKernels(backend, [ADAM_UPDATE], () => train(fusedAdam(0.05), 2, 3));
    expectClose(fallback, train(tf.train.adam(0.05, 0.9, 0.999, 1e-8), 2, 3), 0);
  });

  it('saves and restores the same state as tfjs, so steps continue across the two', async () => {
    await initBackend(backend);
    const p = problem(3);
    const first = fusedAdam(0.05);
    for (let s = 0; s < 3; s++) first.minimize(() => p.loss(s) as tf.Scalar, false, p.variables);
    const weights = await first.getWeights();
    expect(weights.map((w) => w.name).slice(1, 3)).toEqual([`${p.variables[0]?.name}/m`, `${p.variables[1]?.name}/m`]);
    const stock = tf.train.adam(0.05, 0.9, 0.999, 1e-8);
    await stock.setWeights(weights);
    const before = p.variables.map((v) => tf.clone(v));
    first.minimize(() => p.loss(3) as tf.Scalar, false, p.variables);
    const viaFused = p.variables.map((v) => v.dataSync() as Float32Array);
    p.variables.forEach((v, k) => {
      v.assign(before[k] as tf.Tensor);
    });
    stock.minimize(() => p.loss(3) as tf.Scalar, false, p.variables);
    expectClose([p.variables.map((v) => v.dataSync() as Float32Array)], [viaFused], 1e-6);
    tf.dispose(before);
    first.dispose();
    stock.dispose();
    p.dispose();
  });

  it('leaks no tensors over steps after the first (which creates the moments)', async () => {
    await initBackend(backend);
    const p = problem(4);
    const optimizer = fusedAdam(0.01);
    optimizer.minimize(() => p.loss(0) as tf.Scalar, false, p.variables);
    assertNoTensorLeak(() => {
      for (let s = 1; s < 4; s++) optimizer.minimize(() => p.loss(s) as tf.Scalar, false, p.variables);
    });
    optimizer.dispose();
    p.dispose();
  });
});
