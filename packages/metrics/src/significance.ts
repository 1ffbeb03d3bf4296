/**
 * Paired significance tests between two runs' per-user values (the same users, in the same
 * order), as RecBole users and papers report: the paired t-test and the Wilcoxon signed-rank test.
 */
import { Kg4recError } from '@kg4rec/core';
import { normalTwoSided, studentTwoSided } from './special';

/** A test's outcome. */
export interface TestResult {
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Pairs used (Wilcoxon drops zero differences). */
  n: number;
}

function differences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) {
    throw new Kg4recError('SHAPE_MISMATCH', `paired test: the runs have ${a.length} and ${b.length} values; pair the same users`);
  }
  return Float64Array.from(a, (v, i) => v - (b[i] as number));
}

/**
 * Paired t-test: t = mean(d) / (sd(d) / √n) with d = a − b, n − 1 degrees of freedom (as
 * `scipy.stats.ttest_rel`). Identical runs give t = 0, p = 1.
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult & { df: number } {
  const d = differences(a, b);
  const n = d.length;
  if (n < 2) throw new Kg4recError('INVALID_ARGUMENT', `paired t-test needs at least 2 pairs, got ${n}`);
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  if (variance === 0)
    return { statistic: mean === 0 ? 0 : Math.sign(mean) * Number.POSITIVE_INFINITY, pValue: mean === 0 ? 1 : 0, n, df: n - 1 };
  const t = mean / Math.sqrt(variance / n);
  return { statistic: t, pValue: studentTwoSided(t, n - 1), n, df: n - 1 };
}

/** Average ranks (1-based) of values, ties sharing their mean rank; also Σ(t³ − t) over tie groups. */
function averageRanks(values: Float64Array): { ranks: Float64Array; tieTerm: number } {
  const order = Array.from(values.keys()).sort((x, y) => (values[x] as number) - (values[y] as number));
  const ranks = new Float64Array(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) end++;
    const size = end - start + 1;
    for (let k = start; k <= end; k++) ranks[order[k] as number] = (start + end) / 2 + 1;
    tieTerm += size ** 3 - size;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/**
 * Wilcoxon signed-rank test on d = a − b: zero differences dropped, |d| ranked with average ranks
 * for ties, statistic = min(W+, W−), p from the normal approximation with tie and continuity
 * corrections (as `scipy.stats.wilcoxon(method='approx', correction=True)`).
 */
export function wilcoxonSignedRank(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const d = differences(a, b).filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) return { statistic: 0, pValue: 1, n };
  const { ranks, tieTerm } = averageRanks(d.map(Math.abs));
  const positive = ranks.reduce((s, r, i) => s + ((d[i] as number) > 0 ? r : 0), 0);
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(positive, total - positive);
  const mean = total / 2;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  const z = sd === 0 ? 0 : (Math.abs(statistic - mean) - 0.5) / sd;
  return { statistic, pValue: Math.min(1, normalTwoSided(Math.max(0, z))), n };
}
