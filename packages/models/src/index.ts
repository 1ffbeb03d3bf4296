/**
 * @kg4rec/models: Assembled recommenders: Multi-KG4Rec, its ablations, and the KGAT, CKE and BPR baselines.
 *
 * This package is scaffolding until issue #7 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of model implementations (a recommender with calculateLoss, predict and fullSortPredict). Issue #7 registers the first ones;
 * a user adds their own with `models.register({ name, create, defaults })`.
 */
export const models: Registry<unknown, Record<string, unknown>> = createRegistry('model');
