/**
 * Reading finished `pnpm results` runs back: each run's test metrics, selected epoch and time
 * (`metrics.jsonl`), and its per-user test metrics (`test-users.tsv`) for paired tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';

/** What one finished run reports. */
export interface FinishedRun {
  test: Record<string, number>;
  /** The test ranked among the cold-start items alone, for a run that held items out. */
  coldTest?: Record<string, number>;
  bestEpoch: number;
  epochsRun: number;
  /** Training and evaluation time summed over epochs, in seconds. */
  seconds: number;
}

interface EpochLine {
  epoch?: number;
  seconds?: Record<string, number>;
  valid?: Record<string, number>;
  test?: Record<string, number>;
  coldTest?: Record<string, number>;
  bestEpoch?: number;
  stopped?: string;
}

/** The lines of a run's `metrics.jsonl` (none when it has not started). */
function metricLines(dir: string): EpochLine[] {
  const file = join(dir, 'metrics.jsonl');
  return existsSync(file) ? parseJsonLines<EpochLine>(readFileSync(file, 'utf8'), file) : [];
}

/** The objects of a JSON-lines text (`file` names it in errors, with the line). */
export function parseJsonLines<T>(text: string, file: string): T[] {
  const trimmed = text.trim();
  return trimmed === ''
    ? []
    : trimmed.split('\n').map((line, k) => {
        try {
          return JSON.parse(line) as T;
        } catch {
          throw new Kg4recError('PARSE_ERROR', `${file}:${k + 1}: expected one JSON object per line`);
        }
      });
}

const epochSeconds = (line: EpochLine) => Object.values(line.seconds ?? {}).reduce((a, b) => a + b, 0);

/** The run in `dir`, or undefined when it has not finished (no test line yet). */
export function readFinishedRun(dir: string): FinishedRun | undefined {
  const lines = metricLines(dir);
  const last = lines.at(-1);
  if (!last?.test || last.bestEpoch === undefined) return undefined;
  const epochs = lines.slice(0, -1);
  const seconds = epochs.reduce((sum, e) => sum + epochSeconds(e), 0);
  const cold = last.coldTest ? { coldTest: last.coldTest } : {};
  return { test: last.test, ...cold, bestEpoch: last.bestEpoch, epochsRun: epochs.length, seconds };
}

/** How far a run has got, finished or not. */
export interface RunProgress {
  /** Seconds of each epoch trained so far. */
  epochSeconds: number[];
  /** The best validation value of `recall@20` so far, and its epoch. */
  bestValid?: { value: number; epoch: number };
  finished?: FinishedRun;
  /** Why the run stopped without a result (a NaN loss), when it did: rerunning would stop the same way. */
  stopped?: string;
}

/** The progress of the run in `dir` (nothing yet when it has not started). */
export function readRunProgress(dir: string): RunProgress {
  const lines = metricLines(dir);
  const epochs = lines.filter((line) => line.epoch !== undefined);
  const stopped = lines.at(-1)?.stopped;
  let bestValid: RunProgress['bestValid'];
  for (const line of epochs) {
    const value = line.valid?.['recall@20'];
    if (value !== undefined && (!bestValid || value > bestValid.value)) bestValid = { value, epoch: line.epoch as number };
  }
  const finished = readFinishedRun(dir);
  return {
    epochSeconds: epochs.map(epochSeconds),
    ...(bestValid ? { bestValid } : {}),
    ...(finished ? { finished } : {}),
    ...(stopped ? { stopped } : {}),
  };
}

/** Per-user values of `metric` from a run's `test-users.tsv`, by user index. */
export function readPerUser(dir: string, metric: string): Map<number, number> {
  const file = join(dir, 'test-users.tsv');
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const column = header?.split('\t').indexOf(metric) ?? -1;
  if (column < 1) throw new Kg4recError('PARSE_ERROR', `${file}:1: expected a '${metric}' column, got '${header}'`);
  const values = new Map<number, number>();
  rows.forEach((row, k) => {
    const cells = row.split('\t');
    const [user, value] = [Number(cells[0]), Number(cells[column])];
    if (!Number.isInteger(user) || Number.isNaN(value))
      throw new Kg4recError('PARSE_ERROR', `${file}:${k + 2}: expected a user index and a number in column ${column + 1}`);
    values.set(user, value);
  });
  return values;
}
