import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { adamUpdateKernel, splitKernel } from './host-kernels';
import type { HostStorage } from './storage';

/**
 * Host memory that behaves like a growing wasm heap: every allocation moves every buffer, so a
 * view taken before it is detached (length 0; writes through it vanish).
 */
function growingHeap() {
  const buffers = new Map<unknown, ArrayBuffer>();
  const storage: HostStorage = {
    read: (info) => new Float32Array(buffers.get(info.dataId) as ArrayBuffer),
    output(shape, dtype) {
      for (const [id, buffer] of buffers) buffers.set(id, structuredClone(buffer, { transfer: [buffer] }));
      const info = { dataId: {}, shape, dtype } as tf.TensorInfo;
      const size = shape.reduce((a, b) => a * b, 1);
      buffers.set(info.dataId, new ArrayBuffer(4 * size));
      return { info, values: storage.read(info) as Float32Array };
    },
  };
  const tensor = (values: number[]) => {
    const { info, values: view } = storage.output([values.length], 'float32');
    view.set(values);
    return info;
  };
  return { storage, tensor };
}

describe('host kernels with several outputs on a heap that grows', () => {
  it('adamUpdate writes every output (views taken after the last allocation)', () => {
    const { storage, tensor } = growingHeap();
    const inputs = { value: tensor([1, -2]), m: tensor([0, 0.5]), v: tensor([0, 0.25]), gradient: tensor([0.1, -0.4]) };
    const attrs = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, firstCorrection: 0.1, secondCorrection: 0.001 };
    const [value, m, v] = (adamUpdateKernel(inputs, attrs, storage) as tf.TensorInfo[]).map((info) => Array.from(storage.read(info))) as [
      number[],
      number[],
      number[],
    ];
    const expected = [0, 1].map((i) => {
      const g = [0.1, -0.4][i] as number;
      const newM = 0.9 * ([0, 0.5][i] as number) + 0.1 * g;
      const newV = 0.999 * ([0, 0.25][i] as number) + 0.001 * g * g;
      return { m: newM, v: newV, value: ([1, -2][i] as number) - (0.1 * (newM / 0.1)) / (Math.sqrt(newV / 0.001) + 1e-8) };
    });
    expected.forEach((e, i) => {
      expect(value[i]).toBeCloseTo(e.value, 5);
      expect(m[i]).toBeCloseTo(e.m, 6);
      expect(v[i]).toBeCloseTo(e.v, 6);
    });
  });

  it('split writes every part', () => {
    const { storage, tensor } = growingHeap();
    const parts = splitKernel({ x: tensor([1, 2, 3, 4, 5]) }, { numOrSizeSplits: [2, 3], axis: 0 }, storage);
    expect(parts.map((info) => Array.from(storage.read(info)))).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });
});
