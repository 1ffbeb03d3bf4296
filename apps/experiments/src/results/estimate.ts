/**
 * `pnpm results --plan`: what is left of a protocol and how long it will take here, from the
 * epoch times its runs have measured. A run's epoch time is its own mean where it has trained,
 * else the mean of the runs of its row with the same setting, else of its row, else of the runs
 * of the same model on its dataset; a run none of these covers is counted as unmeasured. Epochs
 * left are bounded by the run's epoch cap; the expected count uses the mean epochs of its row's
 * finished runs of the same phase where there are some.
 */
import { readRunProgress } from './collect';
import type { PlannedRun } from './plan';

/** One run's progress and estimate. */
export interface RunEstimate {
  run: PlannedRun;
  epochsDone: number;
  /** It has a result, or stopped on a non-finite loss (and would again). */
  finished: boolean;
  /** Mean seconds per epoch used for it (undefined: nothing measured covers it). */
  epochSeconds?: number;
  /** Seconds left at the epoch cap, and as expected from finished runs of its row. */
  leftAtCap: number;
  leftExpected: number;
  /** Seconds of the whole run from scratch: measured when finished, else estimated. */
  whole: number;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Estimates for every run. */
export function estimateRuns(runs: readonly PlannedRun[]): RunEstimate[] {
  const progress = runs.map((run) => ({ run, progress: readRunProgress(run.dir) }));
  const epochsOf = (pick: (run: PlannedRun) => boolean) => progress.filter((p) => pick(p.run)).flatMap((p) => p.progress.epochSeconds);
  const sameRow = (a: PlannedRun, b: PlannedRun) => a.dataset === b.dataset && a.row.key === b.row.key;
  return progress.map(({ run, progress: p }) => {
    const epochSeconds =
      mean(p.epochSeconds) ??
      mean(epochsOf((r) => sameRow(r, run) && r.setting?.key === run.setting?.key)) ??
      mean(epochsOf((r) => sameRow(r, run))) ??
      mean(epochsOf((r) => r.dataset === run.dataset && r.row.model === run.row.model));
    const done = p.epochSeconds.length;
    const settled = p.finished !== undefined || p.stopped !== undefined;
    const finishedPeers = progress.filter((q) => sameRow(q.run, run) && q.run.phase === run.phase && q.progress.finished);
    const expectedEpochs = mean(finishedPeers.map((q) => q.progress.finished?.epochsRun as number)) ?? run.epochs;
    const perEpoch = epochSeconds ?? 0;
    const leftAtCap = settled ? 0 : Math.max(0, run.epochs - done) * perEpoch;
    const leftExpected = settled ? 0 : Math.max(0, Math.min(run.epochs, Math.round(expectedEpochs)) - done) * perEpoch;
    const measured = p.epochSeconds.reduce((a, b) => a + b, 0);
    const ahead = Math.max(0, Math.round(expectedEpochs) - done) * perEpoch;
    const whole = p.finished ? p.finished.seconds : p.stopped ? measured : done * perEpoch + ahead;
    return {
      run,
      epochsDone: done,
      finished: settled,
      ...(epochSeconds !== undefined ? { epochSeconds } : {}),
      leftAtCap,
      leftExpected,
      whole,
    };
  });
}

const hours = (seconds: number) => (seconds / 3600).toFixed(1);

/** The plan as lines: a table per (phase, dataset, row), then the totals. */
export function planLines(estimates: readonly RunEstimate[], jobs: number): string[] {
  const lines = [
    '| phase | dataset | row | runs finished | epochs done | s / epoch | hours left at the cap | hours left, expected |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  const groups = new Map<string, RunEstimate[]>();
  for (const e of estimates) {
    const key = `${e.run.phase}\t${e.run.dataset}\t${e.run.row.label}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const [key, group] of groups) {
    const [phase, dataset, label] = key.split('\t');
    const perEpoch = mean(group.flatMap((e) => (e.epochSeconds === undefined ? [] : [e.epochSeconds])));
    const sum = (pick: (e: RunEstimate) => number) => group.reduce((s, e) => s + pick(e), 0);
    lines.push(
      `| ${phase} | ${dataset} | ${label} | ${group.filter((e) => e.finished).length}/${group.length} | ${sum((e) => e.epochsDone)} | ${perEpoch === undefined ? 'not measured' : perEpoch.toFixed(1)} | ${hours(sum((e) => e.leftAtCap))} | ${hours(sum((e) => e.leftExpected))} |`,
    );
  }
  const total = (pick: (e: RunEstimate) => number) => estimates.reduce((s, e) => s + pick(e), 0);
  const unmeasured = estimates.filter((e) => !e.finished && e.epochSeconds === undefined).length;
  const waiting = estimates.filter((e) => !e.run.args).length;
  const left = estimates.filter((e) => !e.finished).length;
  return [
    ...lines,
    '',
    `left: ${left} of ${estimates.length} runs; ${hours(total((e) => e.leftAtCap))} run-hours at the epoch cap, ${hours(total((e) => e.leftExpected))} expected; about ${hours(total((e) => e.leftExpected) / Math.max(1, jobs))} hours of wall time at --jobs ${jobs}` +
      (unmeasured > 0 ? ` (${unmeasured} runs not measured yet, counted as 0)` : '') +
      (waiting > 0 ? `; ${waiting} runs wait for their row's sweep` : ''),
    `whole table from scratch: ${hours(total((e) => e.whole))} run-hours (finished runs as measured, the rest as expected), about ${hours(total((e) => e.whole) / Math.max(1, jobs))} hours at --jobs ${jobs}`,
    'hours count epochs (training and validation) only, not loading and encoding; wall time divides run-hours by --jobs, which holds while each run has a core of its own',
  ];
}
