import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSavedRun, train } from '../index';
import { writeClusteredDataset } from '../testing';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-reliability-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const dataset = writeClusteredDataset(join(scratch, 'data'));
const tiny = (model: string, extra: Record<string, unknown> = {}) =>
  ({
    dataset,
    backend: 'cpu',
    epochs: 3,
    model: { name: model, options: { dim: 8, ...(model === 'bprmf' ? {} : { layerDims: [8] }) } },
    ...extra,
  }) as const;
const lastLine = (file: string) => JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) as string);

describe('a run folder holds one run', () => {
  it('refuses a folder another live process is writing, and takes over a stale lock with a line', async () => {
    const out = join(scratch, 'locked');
    const lock = join(out, '.lock');
    mkdirSync(out, { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00Z' }));
    await expect(train(tiny('bprmf'), { out })).rejects.toMatchObject({
      code: 'RUN_IN_USE',
      message: `${out}: another run (pid ${process.pid}, started 2026-01-01T00:00:00Z) is writing this folder; wait for it to end or choose another --out`,
    });
    expect(existsSync(join(out, 'config.json'))).toBe(false);
    // A live pid that started at another time is a reused pid: the lock is stale.
    const reused = join(scratch, 'reused-pid');
    mkdirSync(reused, { recursive: true });
    writeFileSync(
      join(reused, '.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00Z', startTicks: '1' }),
    );
    const taken: string[] = [];
    await train(tiny('bprmf', { epochs: 1 }), { out: reused, log: (line) => taken.push(line) });
    expect(taken[0]).toContain('a stale lock');
    // A pid above Linux's pid_max (2^22) belongs to no process: the lock is stale.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), started: '2026-01-01T00:00:00Z' }));
    const lines: string[] = [];
    await train(tiny('bprmf', { epochs: 1 }), { out, log: (line) => lines.push(line) });
    expect(lines[0]).toBe(`${lock}: a stale lock (pid ${2 ** 22 + 1}, no longer running) was taken over`);
    expect(existsSync(lock)).toBe(false);
  });

  it('says so when --resume finds no checkpoint', async () => {
    const out = join(scratch, 'nothing-to-resume');
    const lines: string[] = [];
    await train(tiny('bprmf', { epochs: 1 }), { out, resume: true, log: (line) => lines.push(line) });
    expect(lines).toContain(`${out}: no checkpoint to resume from; training starts from epoch 1`);
  });
});

describe('a reopened run checks its data', () => {
  it('refuses a dataset edited after training, naming then and now', async () => {
    const edited = writeClusteredDataset(join(scratch, 'edited'));
    const out = join(scratch, 'edited-run');
    await train({ ...tiny('bprmf', { epochs: 1 }), dataset: edited }, { out });
    const { model } = await openSavedRun(out);
    model.dispose();
    writeFileSync(join(edited, 'clustered.inter'), `${readFileSync(join(edited, 'clustered.inter'), 'utf8')}u0\ti39\n`);
    await expect(openSavedRun(out)).rejects.toThrow(
      `${out}: the dataset is not the one this run trained on (then: 40 users, 40 items, 400 interactions, 40 triples; now: 40 users, 40 items, 401 interactions, 40 triples)`,
    );
  });
});

describe('training that cannot give a result stops with an error', () => {
  it('stops at the first NaN loss, saves no model, records why, and refuses to resume into the same stop', async () => {
    const out = join(scratch, 'nan');
    await expect(train(tiny('kgat', { lr: 1e10 }), { out })).rejects.toMatchObject({
      code: 'NON_FINITE',
      message: expect.stringMatching(/^epoch \d+, (CF|KG) step \d+ of \d+: the loss is (NaN|Infinity|-Infinity); training stopped/),
    });
    expect(existsSync(join(out, 'model'))).toBe(false);
    expect(lastLine(join(out, 'metrics.jsonl')).stopped).toMatch(/the loss is/);
    await expect(train(tiny('kgat', { lr: 1e10 }), { out, resume: true })).rejects.toThrow('the run stopped and would stop again');
  });

  it('warns when the loss grows a hundredfold (divergence without a NaN)', async () => {
    const lines: string[] = [];
    await train(tiny('bprmf', { lr: 1e6, epochs: 4 }), { log: (line) => lines.push(line) }).catch(() => undefined);
    expect(lines.some((line) => /^warning: epoch \d+: the CF loss .* is \d+× epoch 1's .*training is diverging/.test(line))).toBe(true);
  });

  it('refuses a split with no test interactions instead of reporting zeros', async () => {
    const single = writeClusteredDataset(join(scratch, 'single'), { perUser: 1 });
    await expect(train({ ...tiny('bprmf'), dataset: single, split: 'loo' })).rejects.toThrow(
      'the split has no test interactions: nothing to evaluate after training',
    );
  });
});
