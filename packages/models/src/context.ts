import { Kg4recError } from '@kg4rec/core';

/**
 * What a model is built for: the data's sizes and, for graph models, the collaborative KG's edges
 * (node ids as `@kg4rec/kg`'s `buildCollaborativeKg` lays them out: items 0…numItems−1, then
 * other entities, then users from `firstUserNode`).
 */
export interface ModelContext {
  numUsers: number;
  numItems: number;
  /** CKG nodes (items, entities, users) and relations, and its edges head ← tail. */
  graph?: {
    numNodes: number;
    numRelations: number;
    firstUserNode: number;
    heads: Int32Array;
    tails: Int32Array;
    relations: Int32Array;
  };
}

/** The context's graph, or an `INVALID_CONFIG` error naming the model that needs it. */
export function requireGraph(context: ModelContext, model: string): NonNullable<ModelContext['graph']> {
  if (!context.graph) throw new Kg4recError('INVALID_CONFIG', `model '${model}' needs the collaborative KG (context.graph)`);
  return context.graph;
}
