import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, Rng, stockKernel, UNSORTED_SEGMENT_SUM, withStockKernel } from '../index';
import { assertNoTensorLeak, checkGradients, loadableBackends, referenceSegmentSum } from '../testing/index';

const rng = new Rng(21);
const ROWS = 17;
const WIDTH = 4;
const SEGMENTS = 6;
const ids = Int32Array.from({ length: ROWS }, (_, i) => (i === 3 ? -1 : rng.int(SEGMENTS - 1)));
const x = Float32Array.from({ length: ROWS * WIDTH }, () => rng.normal());

const backends = await loadableBackends();

describe.each(backends)('UnsortedSegmentSum on %s', (backend) => {
  it('sums rows per segment (negative ids dropped, empty segments zero) with a finite-difference gradient', async () => {
    await initBackend(backend);
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (values, segmentIds) => tf.unsortedSegmentSum(values, segmentIds as tf.Tensor1D, SEGMENTS),
        reference: (values, segmentIds) => referenceSegmentSum(values, segmentIds, SEGMENTS, WIDTH),
        inputs: [
          { values: x, shape: [ROWS, WIDTH] },
          { values: ids, shape: [ROWS], dtype: 'int32' },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
  });

  it("makes gather's gradient work (it is an UnsortedSegmentSum)", async () => {
    await initBackend(backend);
    const gathered = Int32Array.from({ length: 12 }, () => rng.int(ROWS));
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (table) => tf.gather(table, tf.tensor1d(gathered, 'int32')),
        reference: (table) =>
          Float64Array.from(Array.from(gathered).flatMap((row) => Array.from(table.subarray(row * WIDTH, (row + 1) * WIDTH)))),
        inputs: [{ values: x, shape: [ROWS, WIDTH] }],
      }),
    );
    expect(report.maxError).toBeLessThan(1e-3);
  });
});

describe('the stock cpu kernel', () => {
  it('is kept for comparison and agrees with the linear one', async () => {
    await initBackend('cpu');
    expect(stockKernel(UNSORTED_SEGMENT_SUM, 'cpu')).toBeDefined();
    expect(stockKernel(UNSORTED_SEGMENT_SUM, 'wasm')).toBeUndefined();
    const positiveIds = ids.map((id) => Math.max(id, 0));
    const run = () =>
      tf.tidy(() =>
        Array.from(tf.unsortedSegmentSum(tf.tensor2d(x, [ROWS, WIDTH]), tf.tensor1d(positiveIds, 'int32'), SEGMENTS).dataSync()),
      );
    const ours = run();
    const stock = withStockKernel(UNSORTED_SEGMENT_SUM, 'cpu', run);
    for (const [i, value] of stock.entries()) expect(value).toBeCloseTo(ours[i] as number, 5);
    expect(tf.getKernel(UNSORTED_SEGMENT_SUM, 'cpu')?.kernelFunc).not.toBe(stockKernel(UNSORTED_SEGMENT_SUM, 'cpu')?.kernelFunc);
  });
});
