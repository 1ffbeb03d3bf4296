/**
 * @kg4rec/metrics: Full-ranking evaluation: Recall, Precision, NDCG, MRR, Hit and MAP at k, with training items excluded.
 *
 * This package is scaffolding until issue #4 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of metric implementations (a ranking metric computed from top-k lists and held-out items). Issue #4 registers the first ones;
 * a user adds their own with `metrics.register({ name, create, defaults })`.
 */
export const metrics: Registry<unknown, Record<string, unknown>> = createRegistry('metric');
