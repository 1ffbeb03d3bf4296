/**
 * Outputs that cannot be written fail with one `kg4rec: …` line naming the path. (A file where a
 * folder is needed fails for root too, unlike a read-only folder.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeClusteredDataset } from '@kg4rec/trainer/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-for-tests';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-unwritable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const dataset = writeClusteredDataset(join(scratch, 'data'));
const file = join(scratch, 'a-file');
writeFileSync(file, 'not a folder\n');

describe('an output that cannot be written', () => {
  it.each([
    ['train', ['train', '--dataset', dataset, '--backend', 'cpu', '--epochs', '1', '--out', join(file, 'run')], join(file, 'run')],
    ['data export', ['data', 'export', dataset, '--to', join(file, 'export'), '--format', 'kgat'], join(file, 'export')],
    ['encode', ['encode', '--dataset', dataset, '--encoder', 'hash', '--modality', 'text', '--features', join(file, 'features')], file],
  ])('%s: one line naming the path', async (_name, args, path) => {
    const result = await runCli(...args);
    expect(result.code).toBe(1);
    const line = result.err.split('\n').find((l) => l.startsWith('kg4rec: '));
    expect(line).toContain(path);
    expect(line).toMatch(/ENOTDIR/);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('a dataset path that is a file is named as such', async () => {
    const result = await runCli('train', '--dataset', file, '--format', 'kgat', '--epochs', '1');
    expect([result.code, result.err.split('\n').at(-1)]).toEqual([
      1,
      `kg4rec: ${file}: expected a dataset folder (only N-Triples may be given as a single file)`,
    ]);
  });
});
