/**
 * @kg4rec/gnn: Knowledge-aware graph attention propagation and aggregators (Bi-Interaction, GCN, GraphSAGE) over the collaborative KG.
 *
 * This package is scaffolding until issue #5 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of propagation layer implementations (a message-passing layer over the collaborative KG). Issue #5 registers the first ones;
 * a user adds their own with `propagationLayers.register({ name, create, defaults })`.
 */
export const propagationLayers: Registry<unknown, Record<string, unknown>> = createRegistry('propagation layer');
