/**
 * WebGPU parity of kg4rec's kernels: on `webgpu` (lavapipe in CI, a real GPU in
 * `scripts/gpu-check.sh`) each WGSL kernel against float64 references and finite differences
 * (`checkKernels`), and against the `cpu` kernels on the same inputs. Skipped where WebGPU cannot
 * load, unless `KG4REC_REQUIRE_WEBGPU=1`, which turns that into a failure.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { aggregateNeighbours, checkKernels, dropout, edgeIndex, fusedAdam, initBackend, Rng } from '../index';
import { maxAbsDifference, webgpuUnderTest } from '../testing/index';
import { ADAM_UPDATE, DROPOUT, EDGE_DOT, RELATION_MATMUL, RELATION_OUTER, SEGMENT_SOFTMAX, SPMM } from './names';
import { hasFusedKernel } from './register';

const gpu = await webgpuUnderTest();

/** Runs `work` on `cpu` and on `webgpu` and returns both results' values. */
async function onBoth(work: () => tf.Tensor): Promise<{ cpu: Float32Array; gpu: Float32Array }> {
  const values: Float32Array[] = [];
  for (const backend of ['cpu', 'webgpu'] as const) {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const result = work();
    values.push(Float32Array.from((await result.data()) as Float32Array));
    result.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
  return { cpu: values[0] as Float32Array, gpu: values[1] as Float32Array };
}

describe.skipIf('skip' in gpu)(`WebGPU kernels (${'adapter' in gpu ? gpu.adapter : 'none'})`, () => {
  it('registers a WGSL kernel for each fused op', async () => {
    await initBackend('webgpu');
    for (const name of [SPMM, EDGE_DOT, SEGMENT_SOFTMAX, RELATION_MATMUL, RELATION_OUTER, DROPOUT, ADAM_UPDATE]) {
      expect(hasFusedKernel(name), name).toBe(true);
    }
  });

  it('passes every kernel check (float64 references, finite differences) without leaking', async () => {
    await initBackend('webgpu');
    const before = tf.memory().numTensors;
    const results = await checkKernels(3);
    expect(tf.memory().numTensors).toBe(before);
    for (const result of results) expect(result, result.op).toMatchObject({ ok: true });
  });

  it('draws the same dropout mask as cpu from the same seed', async () => {
    const values = Float32Array.from({ length: 37 * 5 }, (_, i) => i + 1);
    const { cpu, gpu } = await onBoth(() => tf.tidy(() => dropout(tf.tensor2d(values, [37, 5]), 0.3, 0xdeadbeef)));
    // The same entries dropped; the kept ones scaled in float32 on the GPU (float64 on cpu).
    expect(Array.from(gpu, (v) => v === 0)).toEqual(Array.from(cpu, (v) => v === 0));
    expect(cpu.filter((v) => v === 0).length).toBeGreaterThan(30);
    expect(maxAbsDifference(cpu, gpu)).toBeLessThan(1e-4);
  });

  it('aggregates a graph large enough to need a reshaped dispatch (over 65,535 workgroups) as cpu does', async () => {
    const rng = new Rng(7);
    const [nodes, edges, width] = [5000, 70_000, 64];
    const rows = Int32Array.from({ length: edges }, () => rng.int(nodes));
    const cols = Int32Array.from({ length: edges }, () => rng.int(nodes));
    const weights = Float32Array.from({ length: edges }, () => rng.float());
    const x = Float32Array.from({ length: nodes * width }, () => rng.normal());
    const { cpu, gpu } = await onBoth(() =>
      tf.tidy(() => aggregateNeighbours(edgeIndex(rows, cols, nodes, nodes), tf.tensor1d(weights), tf.tensor2d(x, [nodes, width]))),
    );
    expect(maxAbsDifference(cpu, gpu)).toBeLessThan(1e-4);
  });

  it('takes the same Adam steps as cpu', async () => {
    const start = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i));
    const { cpu, gpu } = await onBoth(() => {
      const variable = tf.tidy(() => tf.variable(tf.tensor2d(start, [6, 4])));
      const optimizer = fusedAdam(0.05, 0.9, 0.999, 1e-8);
      for (let step = 0; step < 3; step++) {
        optimizer.minimize(() => tf.sum(tf.mul(tf.square(variable), tf.range(0, 24).reshape([6, 4]))) as tf.Scalar, false, [variable]);
      }
      const result = tf.clone(variable);
      optimizer.dispose();
      variable.dispose();
      return result;
    });
    // float32 on both; a GPU's division and square root need not round as JavaScript's do.
    expect(maxAbsDifference(cpu, gpu)).toBeLessThan(1e-5);
  });
});
