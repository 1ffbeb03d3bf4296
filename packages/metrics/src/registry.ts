import { createRegistry, type Registry } from '@kg4rec/core';
import { type AccuracyMetric, hit, map, mrr, ndcg, precision, recall } from './accuracy';

/** What a metric spec says beside its factory: how reports print its name. */
export interface MetricMeta {
  /** The name as printed (`Recall`); the registry name when absent. */
  label?: string;
}

/**
 * Registry of per-user accuracy metrics, by the names the evaluator and configs use. Add one with
 * `metrics.register({ name, label, create: () => (hits, numRelevant, k) => …, defaults: {} })`.
 */
export const metrics: Registry<AccuracyMetric, Record<string, never>, undefined, MetricMeta> = createRegistry('metric');

const BUILT_IN: Array<[string, string, AccuracyMetric, string]> = [
  ['recall', 'Recall', recall, '|top-k ∩ R| / |R|'],
  ['precision', 'Precision', precision, '|top-k ∩ R| / k'],
  ['hit', 'Hit', hit, '1 if any relevant item is in the top k'],
  ['mrr', 'MRR', mrr, '1 / rank of the first relevant item'],
  ['ndcg', 'NDCG', ndcg, 'DCG@k over the standard ideal DCG'],
  ['map', 'MAP', map, 'average precision over min(|R|, k)'],
];
for (const [name, label, metric, description] of BUILT_IN)
  metrics.register({ name, label, description, create: () => metric, defaults: {} });

/** A metric at a cut-off as reports print it: `recall@20` → `Recall@20` (unknown names as they are). */
export function metricLabel(metric: string): string {
  const [name = metric, k] = metric.split('@');
  const label = metrics.has(name) ? (metrics.get(name).label ?? name) : name;
  return `${label}${k ? `@${k}` : ''}`;
}

/** The built-in metric names, in report order. */
export const DEFAULT_METRICS = BUILT_IN.map(([name]) => name);
