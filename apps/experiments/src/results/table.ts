/**
 * The results tables as markdown: per dataset, each row's test metrics as mean ± sample standard
 * deviation over seeds, and a paired significance test of one row against another over the
 * users of the same splits.
 */
import { pairedTTest, wilcoxonSignedRank } from '@kg4rec/metrics';
import { type FinishedRun, readPerUser } from './collect';
import type { PlannedRun } from './plan';

const METRICS = [
  ['recall@20', 'Recall@20'],
  ['ndcg@20', 'NDCG@20'],
  ['mrr@20', 'MRR@20'],
] as const;

/** `mean ± std` (sample standard deviation) with `digits` decimals; the value alone for one run. */
export function meanStd(values: readonly number[], digits = 4): string {
  if (values.length === 0) return '—';
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return mean.toFixed(digits);
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return `${mean.toFixed(digits)} ± ${Math.sqrt(variance).toFixed(digits)}`;
}

/** A planned run with what it reported, when it finished. */
export type CollectedRun = PlannedRun & { finished: FinishedRun | undefined };

/** What a table shows besides the test metrics. */
export interface TableOptions {
  /** Cold-start columns (the test ranked among the held-out items alone). */
  cold?: boolean;
  /** A column of the setting each row's runs used (chosen by a sweep), and one of the runs that stopped before `epochCap`. */
  epochCap?: number;
}

/** The markdown table of one dataset's rows. */
export function datasetTable(runs: readonly CollectedRun[], seeds: number, options: TableOptions = {}): string[] {
  const { cold = false, epochCap } = options;
  const coldHead = cold ? COLD_METRICS.map(([, label]) => ` ${label} |`).join('') : '';
  const swept = epochCap !== undefined;
  const lines = [
    `| model |${swept ? ' setting |' : ''} Recall@20 | NDCG@20 | MRR@20 |${coldHead} best epoch | epochs run |${swept ? ' stopped early |' : ''} seconds per run | runs |`,
    `|---|${swept ? '---|' : ''}---:|---:|---:|${cold ? '---:|'.repeat(COLD_METRICS.length) : ''}---:|---:|${swept ? '---:|' : ''}---:|---:|`,
  ];
  const labels = [...new Set(runs.map((r) => r.row.label))];
  for (const label of labels) {
    const finished = runs.filter((r) => r.row.label === label).flatMap((r) => (r.finished ? [r.finished] : []));
    const metrics = METRICS.map(([key]) => meanStd(finished.map((f) => f.test[key] ?? Number.NaN)));
    const coldMetrics = cold ? COLD_METRICS.map(([key]) => meanStd(finished.map((f) => f.coldTest?.[key] ?? Number.NaN))) : [];
    const mean = (pick: (f: FinishedRun) => number) => meanStd(finished.map(pick), 1);
    const setting = swept ? ` ${runs.find((r) => r.row.label === label)?.setting?.sets.join(', ') ?? 'not chosen yet'} |` : '';
    const early = swept ? ` ${finished.filter((f) => f.epochsRun < epochCap).length}/${finished.length} |` : '';
    lines.push(
      `| ${label} |${setting} ${[...metrics, ...coldMetrics].join(' | ')} | ${mean((f) => f.bestEpoch)} | ${mean((f) => f.epochsRun)} |${early} ${mean((f) => f.seconds)} | ${finished.length}/${seeds} |`,
    );
  }
  return lines;
}

const COLD_METRICS = [
  ['recall@20', 'cold Recall@20'],
  ['ndcg@20', 'cold NDCG@20'],
] as const;

/** Mean of `a[k] − b[k]`. */
const meanDifference = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, k) => s + v - (b[k] as number), 0) / a.length;
const formatP = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;

/**
 * `a` against `b` on `metric`, paired by (seed, user) over the test users of each seed's split:
 * a line per seed and one pooled over every pair (paired t-test and Wilcoxon signed-rank).
 */
export function pairedComparison(a: readonly CollectedRun[], b: readonly CollectedRun[], metric: string): string[] {
  const pooled: [number[], number[]] = [[], []];
  const perSeed: string[] = [];
  for (const runA of a) {
    const runB = b.find((r) => r.seed === runA.seed);
    if (!runA.finished || !runB?.finished) continue;
    const [valuesA, valuesB] = [readPerUser(runA.dir, metric), readPerUser(runB.dir, metric)];
    const users = [...valuesA.keys()].filter((u) => valuesB.has(u));
    const x = users.map((u) => valuesA.get(u) as number);
    const y = users.map((u) => valuesB.get(u) as number);
    pooled[0].push(...x);
    pooled[1].push(...y);
    const t = pairedTTest(x, y);
    perSeed.push(`seed ${runA.seed}: Δ ${signed(meanDifference(x, y))} over ${users.length} users, paired t p = ${formatP(t.pValue)}`);
  }
  if (pooled[0].length < 2) return ['(no pair of finished runs to compare yet)'];
  const t = pairedTTest(pooled[0], pooled[1]);
  const w = wilcoxonSignedRank(pooled[0], pooled[1]);
  return [
    ...perSeed.map((line) => `- ${line}`),
    `- pooled over ${pooled[0].length} (seed, user) pairs: Δ ${signed(meanDifference(pooled[0], pooled[1]))}, paired t = ${t.statistic.toFixed(2)} (df ${t.df}), p = ${formatP(t.pValue)}; Wilcoxon signed-rank p = ${formatP(w.pValue)}`,
  ];
}
