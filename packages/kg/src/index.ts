/**
 * @kg4rec/kg: KG ingestion: readers for RecBole, KGAT, KGCN, MovieLens, CSV and N-Triples; id maps, the collaborative KG, splits, neighbour sequences, samplers and a binary cache.
 *
 * This package is scaffolding until issue #3 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of dataset reader implementations (a reader that turns files of one format into interactions and triples). Issue #3 registers the first ones;
 * a user adds their own with `datasetReaders.register({ name, create, defaults })`.
 */
export const datasetReaders: Registry<unknown, Record<string, unknown>> = createRegistry('dataset reader');
