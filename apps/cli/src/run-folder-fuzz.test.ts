/**
 * Every file a run folder holds, truncated, cut to a length that is no whole float32 value,
 * garbled or emptied, fed to `evaluate`, `recommend`, `explain` and `train --resume`: each either
 * ignores the file or fails with one `kg4rec: …` line naming what is wrong; never a stack trace,
 * never an internal error. A damaged newest checkpoint falls back to the one before it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@kg4rec/core';
import { writeClusteredDataset } from '@kg4rec/trainer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-for-tests';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const finished = join(scratch, 'finished');
const killed = join(scratch, 'killed');

const DAMAGES: Record<string, (bytes: Buffer, rng: Rng) => Buffer> = {
  truncated: (b) => b.subarray(0, Math.floor(b.length / 2)),
  'not whole float32s': (b) => b.subarray(0, Math.max(1, b.length - 3)),
  garbled: (b, rng) => Buffer.from(b.map((x, k) => (k % 7 === 0 ? rng.int(256) : x))),
  empty: () => Buffer.alloc(0),
};

/** A copy of `from` with `file` damaged. */
function damaged(from: string, file: string, damage: string, k: number): string {
  const dir = join(scratch, `case-${k}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, DAMAGES[damage]?.(readFileSync(path), new Rng(k)) ?? Buffer.alloc(0));
  return dir;
}

function expectOneCleanLine(result: { code: number; err: string }, what: string): void {
  expect([0, 1], what).toContain(result.code);
  expect(result.err, what).not.toMatch(/\n\s+at |internal error/);
  if (result.code === 1)
    expect(
      result.err.split('\n').find((line) => line.startsWith('kg4rec: ')),
      what,
    ).toBeDefined();
}

beforeAll(async () => {
  const dataset = writeClusteredDataset(join(scratch, 'data'));
  const sets = ['model.options.dim=8', 'model.options.relationDim=8', 'model.options.layerDims=[8]'].flatMap((s) => ['--set', s]);
  const trained = await runCli(
    'train',
    '--dataset',
    dataset,
    '--model',
    'kgat',
    '--backend',
    'cpu',
    '--epochs',
    '3',
    ...sets,
    '--out',
    finished,
  );
  expect(trained.code).toBe(0);
  // What a 3-epoch run killed after its second epoch leaves: its config, checkpoints of epochs 1
  // and 2, two epoch lines, no model (from a 2-epoch run, its config set to 3 epochs).
  const two = join(scratch, 'two');
  expect(
    (await runCli('train', '--dataset', dataset, '--model', 'kgat', '--backend', 'cpu', '--epochs', '2', ...sets, '--out', two)).code,
  ).toBe(0);
  cpSync(two, killed, { recursive: true });
  rmSync(join(killed, 'model'), { recursive: true });
  rmSync(join(killed, 'test-users.tsv'));
  const config = JSON.parse(readFileSync(join(killed, 'config.json'), 'utf8'));
  writeFileSync(join(killed, 'config.json'), JSON.stringify({ ...config, epochs: 3 }));
  const lines = readFileSync(join(killed, 'metrics.jsonl'), 'utf8').trim().split('\n');
  writeFileSync(join(killed, 'metrics.jsonl'), `${lines.slice(0, 2).join('\n')}\n`);
}, 120_000);

describe('a damaged run folder', () => {
  const finishedFiles = ['config.json', 'metrics.jsonl', 'test-users.tsv', 'model/model.json', 'model/weights.bin'];
  const readByScoring = new Set(['config.json', 'model/model.json', 'model/weights.bin']);

  it('evaluate, recommend and explain fail with one line on every damaged file they read', async () => {
    let k = 0;
    for (const file of finishedFiles)
      for (const damage of Object.keys(DAMAGES)) {
        const dir = damaged(finished, file, damage, k++);
        for (const args of [
          ['evaluate', dir],
          ['recommend', dir, '--user', 'u0', '-k', '3'],
          ['explain', dir, '--user', 'u0', '--item', 'i1'],
        ]) {
          const result = await runCli(...args);
          const what = `${args[0]} with ${file} ${damage}`;
          expectOneCleanLine(result, what);
          if (readByScoring.has(file) && damage !== 'garbled') expect(result.code, what).toBe(1);
        }
      }
  }, 300_000);

  it('train --resume fails with one line on a damaged config, and falls back to the older checkpoint when the newest is damaged', async () => {
    const checkpointFiles = ['state.json', 'weights.bin', 'best.bin', 'cfOptimizer.bin', 'kgOptimizer.bin'].map(
      (f) => `checkpoints/epoch-0002/${f}`,
    );
    let k = 100;
    for (const file of ['config.json', ...checkpointFiles])
      for (const damage of Object.keys(DAMAGES)) {
        const dir = damaged(killed, file, damage, k++);
        const result = await runCli('train', '--resume', '--out', dir);
        const what = `--resume with ${file} ${damage}`;
        expectOneCleanLine(result, what);
        if (file === 'config.json' && damage !== 'garbled') expect(result.code, what).toBe(1);
        if (file !== 'config.json' && damage !== 'garbled') {
          expect([result.code, existsSync(join(dir, 'model'))], what).toEqual([0, true]);
          expect(result.err, what).toContain(`${join(dir, 'checkpoints', 'epoch-0002')}: cannot be restored`);
          expect(result.err, what).toContain(`resuming from ${join(dir, 'checkpoints', 'epoch-0001')} instead`);
        }
      }
  }, 300_000);
});
