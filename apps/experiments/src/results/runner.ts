/**
 * Runs the planned `kg4rec train` processes, `jobs` at a time, each logging to `<dir>.log`.
 * A finished run (test metrics in its `metrics.jsonl`) is kept; a killed one resumes from its
 * newest checkpoint.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import { readRunProgress } from './collect';
import type { PlannedRun } from './plan';

/** Starts one run; resolves to its exit code. */
export type Launcher = (run: PlannedRun, args: string[], log: string) => Promise<number>;

/** `pnpm kg4rec <args>` from the current directory (the repository root), output to `log`. */
export const launchWithPnpm: Launcher = (_run, args, log) =>
  new Promise((resolve, reject) => {
    const out = createWriteStream(log);
    const child = spawn('pnpm', ['kg4rec', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('error', reject);
    child.on('close', (code) => out.end(() => resolve(code ?? 1)));
  });

/**
 * The arguments that start or continue `run`, or undefined when it has finished, stopped on a
 * non-finite loss (it would stop again), or waits for its row's sweep.
 */
export function argumentsFor(run: PlannedRun): string[] | undefined {
  if (!run.args) return undefined;
  const progress = readRunProgress(run.dir);
  if (progress.finished || progress.stopped) return undefined;
  return existsSync(join(run.dir, 'checkpoints')) ? ['train', '--resume', '--out', run.dir] : run.args;
}

/** Runs every unfinished run, `jobs` at a time; reports each start and end through `log`. */
export async function runAll(runs: readonly PlannedRun[], jobs: number, launch: Launcher, log: (line: string) => void): Promise<void> {
  const queue = runs.filter((run) => argumentsFor(run) !== undefined);
  const waiting = runs.filter((run) => !run.args).length;
  const stopped = runs.filter((run) => run.args && readRunProgress(run.dir).stopped).length;
  const finished = runs.length - queue.length - waiting - stopped;
  const wait = waiting > 0 ? `; ${waiting} wait for their row's sweep` : '';
  const stop = stopped > 0 ? `; ${stopped} stopped on a non-finite loss (not rerun)` : '';
  log(`${finished} of ${runs.length} runs already finished; ${queue.length} to run, ${jobs} at a time${wait}${stop}`);
  const failures: string[] = [];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      const args = argumentsFor(run) as string[];
      mkdirSync(dirname(run.dir), { recursive: true });
      const started = performance.now();
      log(`start ${run.dir}`);
      const code = await launch(run, args, `${run.dir}.log`);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      log(`${code === 0 ? 'done' : `FAILED (exit ${code})`} ${run.dir} in ${seconds} s`);
      if (code !== 0) failures.push(`${run.dir} (see ${run.dir}.log)`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  if (failures.length > 0) throw new Kg4recError('INTERNAL', `${failures.length} run(s) failed: ${failures.join(', ')}`);
}
