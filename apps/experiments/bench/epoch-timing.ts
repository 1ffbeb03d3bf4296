/**
 * One training epoch of a model on `movielens-1m-kgat` (its given split, KGAT's reference
 * settings: batch 1,024 / 2,048, lr 1e-4), timed phase by phase, with the process's peak resident
 * memory; and the parent's side: each model in its own child process, so that each peak is its
 * own. The Multi-KG4Rec epoch bench and the GPU check (`scripts/gpu-check.sh`) share it.
 */
import { spawn } from 'node:child_process';
import { type BackendName, initBackend } from '@kg4rec/core';
import { loadRunData, resolveTrainConfig, trainModel } from '@kg4rec/trainer';

/** One epoch's phases in seconds, its CF steps and the peak resident memory. */
export interface EpochTiming {
  model: string;
  backend: string;
  cf: number;
  kg: number;
  refresh: number;
  cfSteps: number;
  peakGb: number;
}

/** Trains `model` for one epoch on `backend` in this process and times it. */
export async function measureEpoch(
  model: string,
  backend: BackendName,
  sets: readonly string[] = [],
  dataset = 'movielens-1m-kgat',
): Promise<EpochTiming> {
  await initBackend(backend);
  const config = await resolveTrainConfig({
    values: { dataset, model: { name: model }, epochs: 1 },
    sets: ['split=given', 'validRatio=0', 'evalEvery=0', 'lr=0.0001', 'seed=2019', 'model.options.seed=2019', ...sets],
  });
  const { data, context, createRunModel } = await loadRunData(config);
  const recommender = createRunModel(context);
  let cfSteps = 0;
  const { history } = await trainModel(recommender, data, config, {
    onProgress: (p) => {
      if (p.phase === 'cf') cfSteps = p.steps;
    },
  });
  recommender.dispose();
  const seconds = history[0]?.seconds ?? { attention: 0, cf: 0, kg: 0 };
  return {
    model,
    backend,
    cf: seconds.cf,
    kg: seconds.kg,
    refresh: seconds.attention,
    cfSteps,
    peakGb: (process.resourceUsage().maxRSS * 1024) / 1e9,
  };
}

/** The line a child prints its timing on. */
const RESULT = 'RESULT ';

/** Child mode: prints {@link measureEpoch}'s timing as one line for {@link timeInChild}. */
export function printTiming(timing: EpochTiming): void {
  console.log(`${RESULT}${JSON.stringify(timing)}`);
}

/**
 * Runs `command args` (a script whose child mode calls {@link printTiming}) and resolves with the
 * timing it printed; its stderr passes through. Rejects, with the child's exit code, if it fails.
 */
export function timeInChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<EpochTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) reject(new Error(`${[command, ...args].join(' ')} exited with ${code} and no timing`));
      else resolve(JSON.parse(line.slice(RESULT.length)) as EpochTiming);
    });
  });
}

/** Seconds of the whole epoch. */
export const epochSeconds = (t: EpochTiming) => t.cf + t.kg + t.refresh;

/** ms per CF step, or a dash. */
export const perCfStep = (t: EpochTiming) => (t.cfSteps > 0 ? ((1000 * t.cf) / t.cfSteps).toFixed(0) : '—');
