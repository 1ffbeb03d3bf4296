import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSavedRun, splitEvaluator, train } from '../index';
import { writeClusteredDataset } from '../testing';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-train-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('train', () => {
  it('runs examples/train.ts, the README’s script: it trains, writes the run and reloads it', () => {
    const dataset = writeClusteredDataset(join(scratch, 'data'));
    const out = join(scratch, 'example-run');
    const script = fileURLToPath(new URL('../../examples/train.ts', import.meta.url));
    const printed = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@kg4rec/source', script, dataset, out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(printed).toMatch(/^best epoch [1-3]: Recall@20 0\.\d{4}\n40 scores for user 0\n$/);
    expect(readdirSync(out).sort()).toEqual(['checkpoints', 'config.json', 'data.json', 'metrics.jsonl', 'model', 'test-users.tsv']);
  }, 120_000);

  it('trains from values in code with TransE in KGAT, on the backend the config names, and the run reopens', async () => {
    const dataset = writeClusteredDataset(join(scratch, 'data-2'), { seed: 9 });
    const out = join(scratch, 'transe-run');
    const values = {
      dataset,
      backend: 'cpu',
      epochs: 2,
      model: { name: 'kgat', options: { dim: 8, layerDims: [8], kgEmbedding: 'transe' } },
    } as const;
    const lines: string[] = [];
    const result = await train(values, { out, log: (line) => lines.push(line) });
    expect(result.backend.name).toBe('cpu');
    expect(result.history).toHaveLength(2);
    expect(result.test.means['recall@20']).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^backend: cpu/);
    const { model, config } = await openSavedRun(out);
    expect(config.model.options).toMatchObject({ kgEmbedding: 'transe' });
    expect(model.getConfig().options).toMatchObject({ kgEmbedding: 'transe' });
    model.dispose();
    await expect(train(values, { out })).rejects.toThrow('already holds a run');
    expect(existsSync(join(out, 'model'))).toBe(true);
  });

  it('holds cold-start items out of training and ranks the test among them alone; the reopened run scores them the same', async () => {
    const dataset = writeClusteredDataset(join(scratch, 'data-cold'), { seed: 5 });
    const out = join(scratch, 'cold-run');
    const values = { dataset, backend: 'cpu', epochs: 1, coldItems: 0.25, model: { name: 'bprmf', options: { dim: 8 } } } as const;
    const result = await train(values, { out });
    const { model, config, data } = await openSavedRun(out);
    try {
      const cold = data.split.coldItems as Int32Array;
      expect(config.coldItems).toBe(0.25);
      expect(cold.length).toBeGreaterThan(0);
      const trained = new Set(Array.from(data.split.train, (row) => data.dataset.interactions.item[row]));
      expect(Array.from(cold).filter((item) => trained.has(item))).toEqual([]);
      const coldTest = result.coldTest;
      expect(coldTest?.users.length).toBeGreaterThan(0);
      const allowed = new Set(cold);
      expect(coldTest?.topItems.every((list) => Array.from(list).every((item) => allowed.has(item)))).toBe(true);
      const again = await splitEvaluator(model, data, config.ks)('cold');
      expect(again.means).toEqual(coldTest?.means);
      const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
      expect(JSON.parse(lines.at(-1) as string).coldTest).toEqual(coldTest?.means);
    } finally {
      model.dispose();
    }
  });
});
