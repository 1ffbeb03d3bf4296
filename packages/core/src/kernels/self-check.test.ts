import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { checkKernels, initBackend } from '../index';
import { loadableBackends } from '../testing/index';

describe.each(await loadableBackends())('checkKernels on %s', (backend) => {
  it('passes every kernel and leaves no tensors', async () => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const results = await checkKernels(3);
    expect(tf.memory().numTensors).toBe(before);
    expect(results.map((r) => r.op)).toEqual([
      'aggregateNeighbours',
      'edgeDot',
      'segmentSoftmax',
      'projectByRelation',
      'relationOuter',
      'unsortedSegmentSum',
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: true });
  });
});
