/**
 * @kg4rec/models: recommenders assembled from registered parts, behind core's `Recommender`
 * interface: BPRMF and KGAT (CKE and Multi-KG4Rec follow).
 */
export { bprLoss, dotScores } from './bpr';
export { BPRMF, BPRMF_DEFAULTS, type BprmfOptions } from './bprmf';
export { type ModelContext, requireGraph } from './context';
export { KGAT, KGAT_DEFAULTS, type KgatOptions } from './kgat';
export { loadModel, type SavedModel, saveModel } from './persistence';
export { createModel, type ModelOptions, models } from './registry';
