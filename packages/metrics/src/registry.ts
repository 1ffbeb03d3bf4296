import { createRegistry, type Registry } from '@kg4rec/core';
import { type AccuracyMetric, hit, map, mrr, ndcg, precision, recall } from './accuracy';

/**
 * Registry of per-user accuracy metrics, by the names the evaluator and configs use. Add one with
 * `metrics.register({ name, create: () => (hits, numRelevant, k) => …, defaults: {} })`.
 */
export const metrics: Registry<AccuracyMetric, Record<string, never>> = createRegistry('metric');

const BUILT_IN: Array<[string, AccuracyMetric, string]> = [
  ['recall', recall, '|top-k ∩ R| / |R|'],
  ['precision', precision, '|top-k ∩ R| / k'],
  ['hit', hit, '1 if any relevant item is in the top k'],
  ['mrr', mrr, '1 / rank of the first relevant item'],
  ['ndcg', ndcg, 'DCG@k over the standard ideal DCG'],
  ['map', map, 'average precision over min(|R|, k)'],
];
for (const [name, metric, description] of BUILT_IN) metrics.register({ name, description, create: () => metric, defaults: {} });

/** The built-in metric names, in report order. */
export const DEFAULT_METRICS = BUILT_IN.map(([name]) => name);
