/**
 * @kg4rec/core: the contracts every kg4rec part implements (model context, recommender, KG
 * embedding, aggregator, attention, fusion block), tensor backends with the sparse kernels the
 * models need, seeded randomness, errors, registries and config validation. Every other kg4rec
 * package depends on it.
 */
export {
  BACKEND_NAMES,
  type BackendAttempt,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  currentBackend,
  type InitBackendOptions,
  initBackend,
} from './backend/init-backend';
export { probeBackends } from './backend/probe';
export { namedSlotSchema, slotConfig, slotSchema } from './config/slots';
export { mergeConfigLayers, parseConfig, partOptions, z } from './config/validate';
export type { CfTripleBatch, KgTripleBatch } from './contracts/batches';
export {
  type ContentKind,
  checkNodeFeatures,
  type ModelContent,
  type ModelContext,
  type ModelGraph,
  type NeighbourSequences,
  type NodeFeatures,
  requireGraph,
} from './contracts/context';
export type { FuseOptions, FusionBlock, FusionDirection } from './contracts/fusion-block';
export type { KgEmbedding, RelationSpace } from './contracts/kg-embedding';
export type { PartConfig } from './contracts/part-config';
export type { Aggregator, EdgeAttention, PropagationGraph, RelationBlock } from './contracts/propagation';
export type { AttendedNeighbour, ModalityScores, NewItemScores, NewItems, Recommender } from './contracts/recommender';
export { assert, ERROR_CODES, type ErrorCode, isKg4recError, Kg4recError, type Kg4recErrorOptions } from './errors';
export { type Initializer, type InitOptions, initTensor, initValues } from './init';
export { ensureFolder, writeFileAtomic, writeFolderAtomic } from './io/atomic-write';
export { float32Values, type HostTensor, readTensors, readToHost, type TensorLayout, writeTensors } from './io/tensor-file';
export {
  ADAM_UPDATE,
  DROPOUT,
  EDGE_DOT,
  GATHER,
  IDENTITY,
  RELATION_MATMUL,
  RELATION_OUTER,
  SEGMENT_SOFTMAX,
  SPLIT,
  SPMM,
  UNSORTED_SEGMENT_SUM,
} from './kernels/names';
export { ensureKernels, stockKernel, withStockKernel } from './kernels/register';
export { checkKernels, KERNEL_TOLERANCE, type KernelCheck } from './kernels/self-check';
export { setSimdEnabled, simdAvailable } from './kernels/simd';
export { FusedAdamOptimizer, fusedAdam } from './ops/adam';
export { dropout } from './ops/dropout';
export { FixedRows, matMulRows } from './ops/matmul';
export { projectByRelation, relationOuter } from './ops/relation';
export {
  aggregateNeighbours,
  disposeEdgeIndex,
  type EdgeIndex,
  edgeCount,
  edgeDot,
  edgeIndex,
  segmentSoftmax,
} from './ops/sparse';
export { Rng, type RngState } from './random';
export {
  type ComponentSpec,
  type ContextArgs,
  createRegistry,
  namedSlot,
  type Registry,
  type Slot,
  type SlotLayers,
} from './registry';
