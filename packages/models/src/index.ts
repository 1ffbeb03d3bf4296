/**
 * @kg4rec/models: recommenders assembled from registered parts, behind core's `Recommender`
 * interface: BPRMF, CKE and KGAT (Multi-KG4Rec follows).
 */
export { bprLoss, dotScores, readScores } from './bpr';
export { BPRMF, BPRMF_DEFAULTS, type BprmfOptions } from './bprmf';
export { CKE, CKE_DEFAULTS, type CkeOptions } from './cke';
export { type ModelContext, requireGraph } from './context';
export { DotProductRecommender, type ScoringRows } from './dot-product';
export { KGAT, KGAT_DEFAULTS, type KgatOptions } from './kgat';
export { loadModel, type SavedModel, saveModel } from './persistence';
export { createModel, type ModelOptions, models } from './registry';
