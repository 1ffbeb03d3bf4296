/**
 * What a model is built for: the data's sizes, the collaborative KG's edges and, for multimodal
 * models, content features on the graph's nodes. `@kg4rec/kg` builds the graph part
 * (`modelContext`), `@kg4rec/encoders` the features (`nodeFeatures`); models read it.
 */
import { Kg4recError } from '../errors';

/**
 * The collaborative KG as models see it: node ids laid out as `@kg4rec/kg`'s
 * `buildCollaborativeKg` does (items 0…numItems−1, then other entities, then users from
 * `firstUserNode`), and its edges head ← tail with their relation.
 */
export interface ModelGraph {
  numNodes: number;
  numRelations: number;
  firstUserNode: number;
  heads: Int32Array;
  tails: Int32Array;
  relations: Int32Array;
}

/** One modality's features of every CKG node (zero rows where `has` is 0). */
export interface NodeFeatures {
  /** Feature length (512 for CLIP ViT-B/32, 1280 for MobileNetV2). */
  dim: number;
  /** numNodes × dim, row-major. */
  values: Float32Array;
  /** 1 where the node has this modality's content. */
  has: Uint8Array;
}

/** Each item's breadth-first neighbour sequence over the CKG, the item first. */
export interface NeighbourSequences {
  /** Positions per item. */
  length: number;
  /** numItems × length CKG node ids, −1 where padded. */
  nodes: Int32Array;
  /** 1 for real positions, 0 for padding. */
  mask: Uint8Array;
}

/** What a multimodal model reads beside the graph. */
export interface ModelContent {
  visual?: NodeFeatures;
  text?: NodeFeatures;
  sequences?: NeighbourSequences;
}

/** The data a model is built for. */
export interface ModelContext {
  numUsers: number;
  numItems: number;
  /** The collaborative KG, for graph models. */
  graph?: ModelGraph;
  /** Modality features and neighbour sequences, for multimodal models. */
  content?: ModelContent;
}

/** The kinds of content a model can need. */
export type ContentKind = keyof ModelContent;

/** The context's graph, or an `INVALID_CONFIG` error naming the model that needs it. */
export function requireGraph(context: ModelContext, model: string): ModelGraph {
  if (!context.graph) throw new Kg4recError('INVALID_CONFIG', `model '${model}' needs the collaborative KG (context.graph)`);
  return context.graph;
}

/** A `SHAPE_MISMATCH` error unless `features` cover exactly the graph's `numNodes` nodes. */
export function checkNodeFeatures(features: NodeFeatures, numNodes: number, model: string, modality: string): void {
  if (features.has.length !== numNodes || features.values.length !== numNodes * features.dim) {
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `${model}: ${modality} features cover ${features.has.length} nodes with ${features.values.length} values; the graph has ${numNodes} nodes of dim ${features.dim}`,
    );
  }
}
