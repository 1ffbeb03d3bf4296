/**
 * `kg4rec train --backend webgpu` on a tiny dataset, end to end (train, evaluate, recommend,
 * explain), against the same run on `cpu`. Skipped where WebGPU cannot load, unless
 * `KG4REC_REQUIRE_WEBGPU=1`, which turns that into a failure (CI runs it on lavapipe).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webgpuUnderTest } from '@kg4rec/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-for-tests';

const gpu = await webgpuUnderTest();

const run = runCli;

/** `Name@K value` lines as a map. */
function metrics(printed: string): Map<string, number> {
  return new Map([...printed.matchAll(/^(\w+@\d+) (\d\.\d{4})$/gm)].map((m) => [m[1] as string, Number(m[2])]));
}

describe.skipIf('skip' in gpu)('kg4rec on --backend webgpu', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg4rec-webgpu-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // 30 users, each with 8 items of their own half of 24.
  const lines = ['user,item'];
  for (let u = 0; u < 30; u++) for (let k = 0; k < 8; k++) lines.push(`u${u},i${(u % 2) * 12 + ((u + k * 5) % 12)}`);
  writeFileSync(join(dir, 'interactions.csv'), `${lines.join('\n')}\n`);
  const train = (backend: string) =>
    run(
      'train',
      '--dataset',
      dir,
      '--model',
      'kgat',
      '--epochs',
      '2',
      '--backend',
      backend,
      '--set',
      'model.options.dim=8',
      '--out',
      join(dir, backend),
    );

  it('trains KGAT to the metrics cpu gives, then evaluates, recommends and explains from the saved run', async () => {
    const onGpu = await train('webgpu');
    expect(onGpu.code, onGpu.err).toBe(0);
    expect(onGpu.err).toContain('backend: webgpu');
    const onCpu = await train('cpu');
    expect(onCpu.code, onCpu.err).toBe(0);
    const [gpuMetrics, cpuMetrics] = [metrics(onGpu.out), metrics(onCpu.out)];
    expect([...gpuMetrics.keys()]).toEqual([...cpuMetrics.keys()]);
    expect(gpuMetrics.size).toBeGreaterThan(3);
    for (const [name, value] of cpuMetrics) expect(Math.abs((gpuMetrics.get(name) as number) - value), name).toBeLessThan(0.02);

    const evaluated = await run('evaluate', join(dir, 'webgpu'), '--backend', 'webgpu');
    expect(evaluated.code, evaluated.err).toBe(0);
    expect(evaluated.out).toBe(onGpu.out);
    const listed = await run('recommend', join(dir, 'webgpu'), '--user', 'u3', '-k', '5', '--backend', 'webgpu');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out.split('\n')).toHaveLength(2 + 5);
    const explained = await run('explain', join(dir, 'webgpu'), '--user', 'u3', '--item', 'i2', '--backend', 'webgpu');
    expect(explained.code, explained.err).toBe(0);
    expect(explained.out).toContain('neighbours of the item with the most attention π');
  });
});
