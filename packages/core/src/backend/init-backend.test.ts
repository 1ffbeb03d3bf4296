import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { currentBackend, initBackend, isKg4recError, probeBackends } from '../index';

async function failure(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('initBackend', () => {
  it('makes cpu current', async () => {
    const info = await initBackend('cpu');
    expect(info.name).toBe('cpu');
    expect(currentBackend()).toBe('cpu');
    expect(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]).toBe(3);
  });

  it('makes wasm current, with SIMD', async () => {
    const info = await initBackend('wasm');
    expect(info.name).toBe('wasm');
    expect(currentBackend()).toBe('wasm');
    expect(info.details.simd).toBe(true);
    const product = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.eye(2));
    expect(Array.from(product.dataSync())).toEqual([1, 2, 3, 4]);
  });

  it('explains why tensorflow cannot load: binding missing, what it needs, what to do', async () => {
    const error = await failure(() => initBackend('tensorflow')).catch(() => undefined);
    if (error === undefined) return; // a machine where tfjs-node works: nothing to explain
    expect(isKg4recError(error, 'BACKEND_UNAVAILABLE')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('@tensorflow/tfjs-node-gpu is installed but its native binding is missing');
    expect(message).toContain('tfjs_binding.node');
    expect(message).toContain('libtensorflow 2.9.1 built for CUDA 11.2 and cuDNN 8.1');
    expect(message).toContain('pnpm rebuild @tensorflow/tfjs-node-gpu');
    expect(message).toContain('@tensorflow/tfjs-node is installed but its native binding is missing');
  });

  it('explains why webgpu cannot load where no Vulkan driver is present', async () => {
    const attempt = (await probeBackends(['webgpu']))[0];
    if (attempt?.ok) return; // a machine with a GPU driver: nothing to explain
    expect(attempt?.message).toMatch(/no GPU adapter.*Vulkan driver/);
  });

  it('auto picks the fastest backend that loads and says why the others were passed over', async () => {
    const info = await initBackend('auto');
    expect(currentBackend()).toBe(info.name);
    expect(info.reason).toMatch(/^fastest that loads: /);
    expect(info.tried.at(-1)).toEqual({ name: info.name, ok: true, message: '' });
    for (const skipped of info.tried.slice(0, -1)) {
      expect(skipped.ok).toBe(false);
      expect(info.reason).toContain(`${skipped.name} (`);
    }
    expect(['tensorflow', 'webgpu', 'wasm']).toContain(info.name);
  });

  it('rejects an unknown backend name listing the valid ones', async () => {
    const error = await failure(() => initBackend('cuda' as 'cpu'));
    expect(isKg4recError(error, 'UNKNOWN_NAME')).toBe(true);
    expect((error as Error).message).toBe("unknown backend 'cuda': expected one of 'auto', 'cpu', 'wasm', 'webgpu', 'tensorflow'");
  });
});
