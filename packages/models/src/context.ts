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
  /** Modality features and neighbour sequences, for multimodal models (Multi-KG4Rec, MKGAT). */
  content?: ModelContent;
}

/** One modality's features of every CKG node (zero rows where `has` is 0). */
export interface NodeFeatures {
  /** Feature length (512 for CLIP ViT-B/32). */
  dim: number;
  /** numNodes × dim, row-major. */
  values: Float32Array;
  /** 1 where the node has this modality's content. */
  has: Uint8Array;
}

/** What a multimodal model reads beside the graph. */
export interface ModelContent {
  visual?: NodeFeatures;
  text?: NodeFeatures;
  /** Each item's breadth-first neighbour sequence (CKG node ids, −1 padding), item first. */
  sequences?: { length: number; nodes: Int32Array; mask: Uint8Array };
}

/** The context's graph, or an `INVALID_CONFIG` error naming the model that needs it. */
export function requireGraph(context: ModelContext, model: string): NonNullable<ModelContext['graph']> {
  if (!context.graph) throw new Kg4recError('INVALID_CONFIG', `model '${model}' needs the collaborative KG (context.graph)`);
  return context.graph;
}

/** An `SHAPE_MISMATCH` error unless `features` cover exactly the graph's `numNodes` nodes. */
export function checkNodeFeatures(features: NodeFeatures, numNodes: number, model: string, modality: string): void {
  if (features.has.length !== numNodes || features.values.length !== numNodes * features.dim) {
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `${model}: ${modality} features cover ${features.has.length} nodes with ${features.values.length} values; the graph has ${numNodes} nodes of dim ${features.dim}`,
    );
  }
}
