/**
 * WebGPU parity of every registered model (and Multi-KG4Rec's variants) against `cpu`
 * (`testing/parity.ts`: losses, one Adam step, then the weights and scores). Skipped where WebGPU
 * cannot load, unless `KG4REC_REQUIRE_WEBGPU=1`, which turns that into a failure (CI runs it on
 * lavapipe).
 */
import { webgpuUnderTest } from '@kg4rec/core/testing';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, PARITY_TOLERANCE, parityCases } from './testing/index';

const gpu = await webgpuUnderTest();

describe.skipIf('skip' in gpu)(`models on WebGPU against cpu (${'adapter' in gpu ? gpu.adapter : 'none'})`, () => {
  it.each(parityCases())('%s %o: losses, one Adam step and the scores after it match', async (name, extra) => {
    const row = await compareWithCpu(name, extra);
    expect(row.leaked).toBe(0);
    expect(row.cfLoss).toBeLessThan(PARITY_TOLERANCE.loss);
    if (row.kgLoss !== undefined) expect(row.kgLoss).toBeLessThan(PARITY_TOLERANCE.loss);
    expect(row.weights).toBeLessThan(PARITY_TOLERANCE.weights);
    expect(row.scores).toBeLessThan(PARITY_TOLERANCE.scores);
    expect(row.ok).toBe(true);
  });
});
