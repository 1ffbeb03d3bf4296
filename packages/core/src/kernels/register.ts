/**
 * Registers kg4rec's kernels with TensorFlow.js: the fused sparse kernels on `cpu` and `wasm`,
 * a linear `UnsortedSegmentSum` replacing `cpu`'s per-segment loop, the `UnsortedSegmentSum` that
 * `wasm` lacks (and that `gather`'s gradient needs), and the gradients of the fused kernels.
 * Idempotent; called by every op and by `initBackend`.
 */
import * as tf from '@tensorflow/tfjs';
import { KERNEL_GRADIENTS } from '../ops/gradients';
import {
  edgeDotKernel,
  type HostKernel,
  relationMatMulKernel,
  relationOuterKernel,
  segmentSoftmaxKernel,
  segmentSumKernel,
  spmmKernel,
} from './host-kernels';
import { EDGE_DOT, RELATION_MATMUL, RELATION_OUTER, SEGMENT_SOFTMAX, SPMM, UNSORTED_SEGMENT_SUM } from './names';
import { HOST_BACKENDS, type HostBackendName, hostStorage } from './storage';

const HOST_KERNELS: ReadonlyArray<readonly [string, HostKernel]> = [
  [UNSORTED_SEGMENT_SUM, segmentSumKernel],
  [SPMM, spmmKernel],
  [EDGE_DOT, edgeDotKernel],
  [SEGMENT_SOFTMAX, segmentSoftmaxKernel],
  [RELATION_MATMUL, relationMatMulKernel],
  [RELATION_OUTER, relationOuterKernel],
];

const stockKernels = new Map<string, tf.KernelConfig>();
let registered = false;

function hostKernelConfig(kernelName: string, backendName: HostBackendName, body: HostKernel): tf.KernelConfig {
  return {
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) =>
      body(inputs as Record<string, tf.TensorInfo>, attrs as Record<string, unknown>, hostStorage(backendName, backend)),
  };
}

function replaceKernel(config: tf.KernelConfig): void {
  const existing = tf.getKernel(config.kernelName, config.backendName);
  if (existing) {
    stockKernels.set(`${config.kernelName}/${config.backendName}`, existing);
    tf.unregisterKernel(config.kernelName, config.backendName);
  }
  tf.registerKernel(config);
}

/** Registers every kg4rec kernel and gradient once. */
export function ensureKernels(): void {
  if (registered) return;
  registered = true;
  for (const backendName of HOST_BACKENDS) {
    for (const [kernelName, body] of HOST_KERNELS) replaceKernel(hostKernelConfig(kernelName, backendName, body));
  }
  for (const gradient of KERNEL_GRADIENTS) {
    if (!tf.getGradient(gradient.kernelName)) tf.registerGradient(gradient);
  }
}

/**
 * The kernel that tfjs itself registered under a name kg4rec replaced (today: `cpu`'s
 * `UnsortedSegmentSum`), for benchmarks that compare against it. Undefined where none existed.
 */
export function stockKernel(kernelName: string, backendName: string): tf.KernelConfig | undefined {
  ensureKernels();
  return stockKernels.get(`${kernelName}/${backendName}`);
}

/**
 * Runs `work` with a stock kernel swapped back in place of kg4rec's, then restores kg4rec's
 * (after the promise settles, when `work` is async). For benchmarks: nothing else may run
 * kernels of that name meanwhile.
 */
export function withStockKernel<T>(kernelName: string, backendName: string, work: () => T): T {
  const stock = stockKernel(kernelName, backendName);
  const ours = tf.getKernel(kernelName, backendName);
  if (!stock || !ours) return work();
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel(stock);
  const restore = () => {
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel(ours);
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
