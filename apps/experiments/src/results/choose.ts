/**
 * The sweep's choice: for each (dataset, row), the setting whose sweep run reached the best
 * validation Recall@20 (at any epoch), once every setting's run of that row has finished; ties go
 * to the earlier setting, and a setting whose run stopped on a non-finite loss is never chosen. Made on validation only: the sweep runs' test metrics are never read.
 */
import { readRunProgress } from './collect';
import { type PlannedRun, rowId, type Setting } from './plan';

/** What a row's sweep tried, and what it chose (absent until every run of it has finished). */
export interface RowSweep {
  dataset: string;
  rowKey: string;
  label: string;
  /** `finished`: it has a result, or it stopped (a NaN loss) and would stop again: either way settled. */
  tried: { setting: Setting; bestValid?: number; bestEpoch?: number; epochsRun: number; finished: boolean; stopped?: string }[];
  chosen?: Setting;
}

/** Each (dataset, row)'s sweep, in plan order. */
export function rowSweeps(sweepRuns: readonly PlannedRun[]): RowSweep[] {
  const byRow = new Map<string, RowSweep>();
  for (const run of sweepRuns) {
    const id = rowId(run.dataset, run.row);
    const sweep = byRow.get(id) ?? { dataset: run.dataset, rowKey: run.row.key, label: run.row.label, tried: [] };
    byRow.set(id, sweep);
    const progress = readRunProgress(run.dir);
    sweep.tried.push({
      setting: run.setting as Setting,
      ...(progress.bestValid ? { bestValid: progress.bestValid.value, bestEpoch: progress.bestValid.epoch } : {}),
      epochsRun: progress.epochSeconds.length,
      finished: progress.finished !== undefined || progress.stopped !== undefined,
      ...(progress.stopped ? { stopped: progress.stopped } : {}),
    });
  }
  for (const sweep of byRow.values()) {
    if (!sweep.tried.every((t) => t.finished)) continue;
    const usable = sweep.tried.filter((t) => !t.stopped);
    if (usable.length === 0) continue;
    const best = usable.reduce((a, b) => ((b.bestValid ?? -1) > (a.bestValid ?? -1) ? b : a));
    sweep.chosen = best.setting;
  }
  return [...byRow.values()];
}

/** The chosen setting of every row whose sweep has finished, by {@link rowId}. */
export function chosenSettings(sweeps: readonly RowSweep[]): Map<string, Setting> {
  return new Map(sweeps.flatMap((s) => (s.chosen ? [[`${s.dataset}/${s.rowKey}`, s.chosen] as const] : [])));
}
