/**
 * @kg4rec/models: recommenders assembled from registered parts, behind core's `Recommender`
 * interface: BPRMF, CKE, KGAT, an MKGAT-style baseline (ours) and Multi-KG4Rec (with its ablation
 * variants), each with a zod schema of its options and what it needs from the data.
 */
export {
  checkNodeFeatures,
  type ModelContent,
  type ModelContext,
  type NodeFeatures,
  requireGraph,
} from '@kg4rec/core';
export { bprLoss, dotScores, readScores } from './bpr';
export { BPRMF, BPRMF_DEFAULTS, BPRMF_OPTIONS, type BprmfOptions, embeddingTable } from './bprmf';
export { CKE, CKE_DEFAULTS, CKE_OPTIONS, type CkeOptions } from './cke';
export { DotProductRecommender, type ScoringRows } from './dot-product';
export { FusionCache } from './fusion-cache';
export { GRAPH_MODEL_DEFAULTS, GRAPH_MODEL_FIELDS, GRAPH_MODEL_OPTIONS, type GraphModelOptions } from './graph-options';
export { type GraphEdges, GraphRecommender, type GraphRecommenderInit } from './graph-recommender';
export { concatenatedLayerRows, topAttended } from './graph-rows';
export { KGAT, KGAT_DEFAULTS, KGAT_OPTIONS, type KgatOptions } from './kgat';
export { MKGAT, MKGAT_DEFAULTS, MKGAT_OPTIONS, type MkgatOptions } from './mkgat';
export { type ModalEntities, type ModalGraph, withModalEntities } from './modal-entities';
export {
  MULTI_KG4REC_DEFAULTS,
  MULTI_KG4REC_OPTIONS,
  MULTI_KG4REC_VARIANTS,
  MultiKG4Rec,
  type MultiKg4recOptions,
  type MultiKg4recVariant,
} from './multi-kg4rec';
export { type KgEmbeddingPlan, resolveAttention, resolveKgEmbedding } from './parts';
export { loadModel, type SavedModel, saveModel } from './persistence';
export { FeatureReduction, type ReductionOptions } from './reduction';
export {
  createModel,
  type ModelMeta,
  type ModelNeeds,
  type ModelOptions,
  type ModelSpec,
  modelNeeds,
  modelOptionFields,
  models,
} from './registry';
