/**
 * Reproduces the results table of docs/results.md: BPRMF, CKE and KGAT trained with `kg4rec train`
 * on MovieLens-100K (random 8:1:1 split per user, seed 2025), each selected on validation
 * Recall@20 (early stopping), then scored once on test. Each model runs in its own process, into
 * `runs/results/<model>/`; the table is printed as markdown at the end.
 *
 *   pnpm results                        # from the repo root; about half an hour on 2 cores
 *   pnpm results -- --epochs 3          # a quick check with fewer epochs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { epochs: { type: 'string', default: '30' }, out: { type: 'string', default: 'runs/results' } },
  strict: true,
});
const MODELS = ['bprmf', 'cke', 'kgat'] as const;
const METRICS = ['recall@20', 'mrr@20', 'ndcg@20'] as const;
const COMMON = ['--dataset', 'movielens-100k', '--split', 'ratio', '--backend', 'wasm', '--epochs', values.epochs as string];
const SETTINGS = ['--set', 'lr=0.001', '--set', 'patience=5', '--set', 'evalEvery=1', '--set', 'ks=[20]', '--set', 'seed=2025'];

interface Finished {
  test: Record<string, number>;
  bestEpoch: number;
}

function train(model: string): { finished: Finished; epochs: number; seconds: number } {
  const out = join(values.out as string, model);
  if (existsSync(out)) rmSync(out, { recursive: true });
  const started = performance.now();
  execFileSync('pnpm', ['kg4rec', 'train', ...COMMON, '--model', model, ...SETTINGS, '--out', out], { stdio: 'inherit' });
  const seconds = (performance.now() - started) / 1000;
  const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
  const finished = JSON.parse(lines.at(-1) as string) as Finished;
  return { finished, epochs: lines.length - 1, seconds };
}

const rows = MODELS.map((model) => ({ model, ...train(model) }));
console.log('\n| model | Recall@20 | MRR@20 | NDCG@20 | best epoch | epochs run | wall time (s) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const { model, finished, epochs, seconds } of rows) {
  const metrics = METRICS.map((m) => (finished.test[m] ?? Number.NaN).toFixed(4)).join(' | ');
  console.log(`| ${model} | ${metrics} | ${finished.bestEpoch} | ${epochs} | ${seconds.toFixed(0)} |`);
}
