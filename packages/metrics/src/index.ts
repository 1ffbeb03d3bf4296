/**
 * @kg4rec/metrics: correct, fast full-ranking evaluation. Accuracy metrics (Recall, Precision,
 * Hit, MRR, NDCG with the standard ideal DCG, MAP), beyond-accuracy metrics (coverage, Gini,
 * popularity, tail share), a batched full-ranking evaluator with user-group reports, and paired
 * significance tests. Independent of TensorFlow.js.
 */
export { type AccuracyMetric, hit, map, mrr, ndcg, precision, recall } from './accuracy';
export { averagePopularity, giniIndex, itemCoverage, recommendationCounts, tailItems, tailPercentage } from './beyond-accuracy';
export { type EvaluateOptions, type Evaluation, evaluateFullRanking, type Means, type Scorer } from './evaluator';
export { coldStartGroup, sparsityGroups, type UserGroup } from './groups';
export { DEFAULT_METRICS, type MetricMeta, metricLabel, metrics } from './registry';
export { pairedTTest, type TestResult, wilcoxonSignedRank } from './significance';
export { topK } from './top-k';
export { counts, itemsOf, type UserItems, userItems } from './user-items';
