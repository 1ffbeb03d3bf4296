/**
 * A run folder: `config.json`, `metrics.jsonl` (one record per epoch, then the test metrics),
 * `test-users.tsv` (each test user's metrics, for paired significance tests), `checkpoints/`
 * (one per epoch) and, at the end, `model/`. Every file is written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFolder, Kg4recError, writeFileAtomic } from '@kg4rec/core';
import type { Evaluation } from '@kg4rec/metrics';
import type { TrainConfig } from '../config/schema';
import type { EpochRecord } from '../engine/train';

/** Each test user's metrics, `user` (index) then one column per metric: for paired significance tests. */
export function perUserTable(evaluation: Pick<Evaluation, 'users' | 'perUser'>): string {
  const names = Object.keys(evaluation.perUser);
  const rows = Array.from(evaluation.users, (user, k) => [user, ...names.map((n) => evaluation.perUser[n]?.[k] ?? Number.NaN)].join('\t'));
  return `${['user', ...names].join('\t')}\n${rows.map((row) => `${row}\n`).join('')}`;
}

const jsonLines = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/** The paths of a run folder. */
export function runPaths(out: string) {
  return {
    config: join(out, 'config.json'),
    metrics: join(out, 'metrics.jsonl'),
    testUsers: join(out, 'test-users.tsv'),
    checkpoints: join(out, 'checkpoints'),
    model: join(out, 'model'),
  };
}

/** Refuses to start a run in a folder that holds one, or to resume a finished one. */
export function checkRunFolder(out: string, resume: boolean): void {
  const paths = runPaths(out);
  if (!resume && (existsSync(paths.checkpoints) || existsSync(paths.model))) {
    throw new Kg4recError('INVALID_CONFIG', `${out}: already holds a run; continue it with --resume or choose another --out`);
  }
  if (resume && existsSync(paths.model)) {
    throw new Kg4recError('INVALID_CONFIG', `${out}: the run has finished (model/ exists); evaluate it with 'kg4rec evaluate ${out}'`);
  }
  const stopped = resume ? stoppedReason(paths.metrics) : undefined;
  if (stopped)
    throw new Kg4recError('INVALID_CONFIG', `${out}: the run stopped and would stop again (${stopped}); train anew into another --out`);
}

/** The reason of a `{ "stopped" }` last line of `metrics.jsonl`, if it has one. */
export function stoppedReason(metrics: string): string | undefined {
  if (!existsSync(metrics)) return undefined;
  const last = readFileSync(metrics, 'utf8').trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(last) as { stopped?: unknown };
    return typeof parsed.stopped === 'string' ? parsed.stopped : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the run's resolved config. */
export function writeRunConfig(out: string, config: TrainConfig): void {
  ensureFolder(out);
  writeFileAtomic(runPaths(out).config, `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * Rewrites `metrics.jsonl` with every epoch so far, and the test metrics once there are some
 * (with `coldTest`, the test ranked among the cold-start items only, when the split has them).
 */
export function writeRunMetrics(
  out: string,
  history: readonly EpochRecord[],
  test?: { means: Record<string, number>; bestEpoch: number; coldMeans?: Record<string, number> },
): void {
  const cold = test?.coldMeans ? { coldTest: test.coldMeans } : {};
  const tail = test ? [{ test: test.means, ...cold, bestEpoch: test.bestEpoch }] : [];
  writeFileAtomic(runPaths(out).metrics, jsonLines([...history, ...tail]));
}

/**
 * Rewrites `metrics.jsonl` with the epochs that completed and a last `{ "stopped": reason }` line:
 * a run that cannot go on (its loss became NaN), whose rerun would stop the same way.
 */
export function writeStoppedRun(out: string, history: readonly EpochRecord[], reason: string): void {
  writeFileAtomic(runPaths(out).metrics, jsonLines([...history, { stopped: reason }]));
}

/** Writes the per-user test metrics. */
export function writeTestUsers(out: string, test: Pick<Evaluation, 'users' | 'perUser'>): void {
  writeFileAtomic(runPaths(out).testUsers, perUserTable(test));
}
