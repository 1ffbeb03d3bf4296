/**
 * @kg4rec/models: recommenders assembled from registered parts, behind core's `Recommender`
 * interface: BPRMF, CKE, KGAT, an MKGAT-style baseline (ours) and Multi-KG4Rec (with its ablation
 * variants).
 */
export { bprLoss, dotScores, readScores } from './bpr';
export { BPRMF, BPRMF_DEFAULTS, type BprmfOptions } from './bprmf';
export { CKE, CKE_DEFAULTS, type CkeOptions } from './cke';
export { checkNodeFeatures, type ModelContent, type ModelContext, type NodeFeatures, requireGraph } from './context';
export { DotProductRecommender, type ScoringRows } from './dot-product';
export { GRAPH_MODEL_DEFAULTS, type GraphModelOptions } from './graph-options';
export { type AttendedNeighbour, concatenatedLayerRows, topAttended, transRAttention } from './graph-rows';
export { KGAT, KGAT_DEFAULTS, type KgatOptions } from './kgat';
export { MKGAT, MKGAT_DEFAULTS, type MkgatOptions } from './mkgat';
export { type ModalEntities, type ModalGraph, withModalEntities } from './modal-entities';
export {
  MULTI_KG4REC_DEFAULTS,
  MULTI_KG4REC_VARIANTS,
  MultiKG4Rec,
  type MultiKg4recOptions,
  type MultiKg4recVariant,
} from './multi-kg4rec';
export { loadModel, type SavedModel, saveModel } from './persistence';
export { FeatureReduction, type ReductionOptions } from './reduction';
export { createModel, type ModelOptions, models } from './registry';
