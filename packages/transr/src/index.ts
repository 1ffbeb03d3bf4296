/**
 * @kg4rec/transr: KG embedding models (TransR and kin) with their margin and pairwise losses.
 *
 * This package is scaffolding until issue #5 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of KG embedding implementations (a knowledge-graph embedding model that scores (head, relation, tail) triples). Issue #5 registers the first ones;
 * a user adds their own with `kgEmbeddings.register({ name, create, defaults })`.
 */
export const kgEmbeddings: Registry<unknown, Record<string, unknown>> = createRegistry('KG embedding');
