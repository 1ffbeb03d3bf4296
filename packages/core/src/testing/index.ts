/**
 * Test helpers for kg4rec packages: leak checks, gradient checks against finite differences, and
 * float64 references of the core kernels. Import from `@kg4rec/core/testing`.
 */

export { loadableBackends, type WebgpuUnderTest, webgpuUnderTest } from './backends';
export { maxAbsDifference } from './compare';
export { thrownCode } from './errors';
export { type CheckedInput, checkGradients, checkGradientsAsync, type GradientCheck, type GradientReport } from './gradients';
export { withoutKernels } from './kernels';
export { assertNoTensorLeak } from './leaks';
export {
  denseMatMul,
  denseMatrix,
  referenceEdgeDot,
  referenceRelationMatMul,
  referenceRelationOuter,
  referenceSegmentSoftmax,
  referenceSegmentSum,
  referenceSpmm,
} from './reference';
export { registryContractProblems } from './registry-contract';
