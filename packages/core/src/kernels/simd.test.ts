import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aggregateNeighbours,
  disposeEdgeIndex,
  edgeIndex,
  initBackend,
  projectByRelation,
  Rng,
  relationOuter,
  setSimdEnabled,
  simdAvailable,
} from '../index';
import { assertNoTensorLeak, loadableBackends } from '../testing/index';
import { spmmModuleBytes } from './simd';

/** Runs `work` with the SIMD loops on, then off; returns both results' values. */
function bothWays(work: () => tf.Tensor): [Float32Array, Float32Array] {
  const run = (on: boolean) => {
    setSimdEnabled(on);
    return assertNoTensorLeak(() => tf.tidy(() => work().dataSync() as Float32Array).slice());
  };
  return [run(true), run(false)];
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((v, i) => {
    worst = Math.max(worst, Math.abs(v - (expected[i] as number)) / Math.max(1, Math.abs(expected[i] as number)));
  });
  expect(worst).toBeLessThan(1e-5);
}

afterEach(() => {
  setSimdEnabled(true);
});

it('assembles a valid WebAssembly SIMD module, and Node 20 runs it', () => {
  expect(spmmModuleBytes().subarray(0, 4)).toEqual(Uint8Array.from([0x00, 0x61, 0x73, 0x6d]));
  expect(simdAvailable()).toBe(true);
});

describe.each((await loadableBackends()).filter((b) => b === 'cpu' || b === 'wasm'))('SIMD loops on %s', (backend) => {
  it.each([1, 3, 4, 6, 16, 17])('aggregateNeighbours of width %i equals the JS loop (repeated edges, empty rows)', async (width) => {
    await initBackend(backend);
    const rng = new Rng(width);
    const [rowsCount, colsCount, edges] = [9, 7, 40];
    const rows = Int32Array.from({ length: edges }, () => rng.int(rowsCount - 2));
    const cols = Int32Array.from({ length: edges }, () => rng.int(colsCount));
    const index = edgeIndex(rows, cols, rowsCount, colsCount);
    const values = tf.tensor1d(Float32Array.from({ length: edges }, () => rng.normal()));
    const x = tf.tensor2d(
      Float32Array.from({ length: colsCount * width }, () => rng.normal()),
      [colsCount, width],
    );
    const [simd, plain] = bothWays(() => aggregateNeighbours(index, values, x));
    expectClose(simd, plain);
    expect(Array.from(simd.subarray((rowsCount - 1) * width))).toEqual(new Array(width).fill(0));
    tf.dispose([values, x]);
    disposeEdgeIndex(index);
  });

  it('projectByRelation and relationOuter equal the JS loops', async () => {
    await initBackend(backend);
    const rng = new Rng(3);
    const floats = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const relations = tf.tensor1d(
      Int32Array.from({ length: 11 }, () => rng.int(3)),
      'int32',
    );
    const x = tf.tensor2d(floats(11 * 6), [11, 6]);
    const w = tf.tensor3d(floats(4 * 6 * 5), [4, 6, 5]);
    const b = tf.tensor2d(floats(11 * 5), [11, 5]);
    for (const work of [() => projectByRelation(x, w, relations), () => relationOuter(x, b, relations, 4)]) {
      const [simd, plain] = bothWays(work);
      expectClose(simd, plain);
    }
    tf.dispose([relations, x, w, b]);
  });
});
