/**
 * Registers kg4rec's kernels with TensorFlow.js: on `cpu` and `wasm`, the fused kernels (sparse
 * aggregation, edge dot products, segment softmax, relation products, dropout), a linear
 * `UnsortedSegmentSum` replacing `cpu`'s per-segment loop and filling `wasm`'s gap (`gather`'s
 * gradient needs it), and faster `GatherV2` (row gathers) and `SplitV` that keep the stock kernels
 * for the cases they do not handle; a one-pass Adam step; on `wasm`, an `Identity` that shares
 * memory instead of copying; on `webgpu`, the fused kernels and the Adam step as WGSL shaders;
 * and the gradients of the fused kernels. Idempotent; called by every op and by `initBackend`.
 */
import * as tf from '@tensorflow/tfjs';
import { KERNEL_GRADIENTS } from '../ops/gradients';
import {
  adamUpdateKernel,
  dropoutKernel,
  edgeDotKernel,
  gatherRowsKernel,
  type HostKernel,
  isRowGather,
  relationMatMulKernel,
  relationOuterKernel,
  segmentSoftmaxKernel,
  segmentSumKernel,
  splitKernel,
  spmmKernel,
} from './host-kernels';
import {
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
} from './names';
import { HOST_BACKENDS, type HostBackendName, hostStorage } from './storage';
import { type GpuKernel, WEBGPU_KERNELS } from './webgpu-kernels';

const HOST_KERNELS: ReadonlyArray<readonly [string, HostKernel]> = [
  [UNSORTED_SEGMENT_SUM, segmentSumKernel],
  [SPMM, spmmKernel],
  [EDGE_DOT, edgeDotKernel],
  [SEGMENT_SOFTMAX, segmentSoftmaxKernel],
  [RELATION_MATMUL, relationMatMulKernel],
  [RELATION_OUTER, relationOuterKernel],
  [DROPOUT, dropoutKernel],
  [ADAM_UPDATE, adamUpdateKernel],
];

/**
 * The same kernels as WebGPU shaders. `UnsortedSegmentSum`, `GatherV2`, `SplitV` and `Identity`
 * keep tfjs-backend-webgpu's own: they run on the GPU already (atomic adds, a gather shader,
 * slices, a reference-counted identity).
 */
const GPU_KERNELS: ReadonlyArray<readonly [string, GpuKernel]> = [
  [SPMM, WEBGPU_KERNELS.spmm],
  [EDGE_DOT, WEBGPU_KERNELS.edgeDot],
  [SEGMENT_SOFTMAX, WEBGPU_KERNELS.segmentSoftmax],
  [RELATION_MATMUL, WEBGPU_KERNELS.relationMatMul],
  [RELATION_OUTER, WEBGPU_KERNELS.relationOuter],
  [DROPOUT, WEBGPU_KERNELS.dropout],
  [ADAM_UPDATE, WEBGPU_KERNELS.adamUpdate],
];

const stockKernels = new Map<string, tf.KernelConfig>();
let gradientsRegistered = false;
const kernelsRegistered = new Set<string>();

function hostKernelConfig(kernelName: string, backendName: HostBackendName, body: HostKernel): tf.KernelConfig {
  return {
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) =>
      body(inputs as Record<string, tf.TensorInfo>, attrs as Record<string, unknown>, hostStorage(backendName, backend)),
  };
}

/** kg4rec's block-copy `SplitV` for float32 and int32, the backend's own kernel for other dtypes. */
function splitKernelConfig(backendName: HostBackendName, stock: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: SPLIT,
    backendName,
    kernelFunc: (args) => {
      const x = (args.inputs as Record<string, tf.TensorInfo>).x;
      if (stock && x?.dtype !== 'float32' && x?.dtype !== 'int32') return stock.kernelFunc(args);
      return splitKernel(
        args.inputs as Record<string, tf.TensorInfo>,
        args.attrs as Record<string, unknown>,
        hostStorage(backendName, args.backend),
      );
    },
  };
}

/** kg4rec's row gather where it applies, the backend's own `GatherV2` otherwise. */
function gatherKernelConfig(backendName: HostBackendName, stock: tf.KernelConfig | undefined): tf.KernelConfig {
  const ours = hostKernelConfig(GATHER, backendName, gatherRowsKernel);
  return {
    kernelName: GATHER,
    backendName,
    kernelFunc: (args) => {
      if (stock && !isRowGather(args.inputs as Record<string, tf.TensorInfo>, args.attrs as Record<string, unknown>)) {
        return stock.kernelFunc(args);
      }
      return ours.kernelFunc(args);
    },
  };
}

interface RefCounted {
  incRef(dataId: unknown): void;
}

/**
 * `Identity` on `wasm` that shares its input's memory (reference-counted, as `cpu`'s and wasm's
 * own `Reshape` do) instead of copying it: tfjs clones every tensor it saves for a gradient, about
 * 900 copies in a Multi-KG4Rec training step. Tensors are immutable (variables rebind on
 * `assign`), so sharing is safe; strings keep the stock kernel.
 */
function sharingIdentityConfig(stock: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: IDENTITY,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as Record<string, tf.TensorInfo>).x as tf.TensorInfo;
      if (stock && x.dtype === 'string') return stock.kernelFunc(args);
      (args.backend as unknown as RefCounted).incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    },
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

/**
 * Registers kg4rec's gradients once, and its kernels on every host backend whose module has been
 * imported (a backend's module registers its own kernels when imported, so kg4rec's replacements
 * must come after it; `initBackend` calls this again once it has loaded a backend).
 */
export function ensureKernels(): void {
  if (!gradientsRegistered) {
    gradientsRegistered = true;
    for (const gradient of KERNEL_GRADIENTS) {
      if (!tf.getGradient(gradient.kernelName)) tf.registerGradient(gradient);
    }
  }
  for (const backendName of HOST_BACKENDS) {
    if (kernelsRegistered.has(backendName) || !tf.findBackendFactory(backendName)) continue;
    kernelsRegistered.add(backendName);
    for (const [kernelName, body] of HOST_KERNELS) replaceKernel(hostKernelConfig(kernelName, backendName, body));
    replaceKernel(gatherKernelConfig(backendName, tf.getKernel(GATHER, backendName)));
    replaceKernel(splitKernelConfig(backendName, tf.getKernel(SPLIT, backendName)));
    if (backendName === 'wasm') replaceKernel(sharingIdentityConfig(tf.getKernel(IDENTITY, backendName)));
  }
  if (!kernelsRegistered.has('webgpu') && tf.findBackendFactory('webgpu')) {
    kernelsRegistered.add('webgpu');
    for (const [kernelName, body] of GPU_KERNELS) {
      replaceKernel({
        kernelName,
        backendName: 'webgpu',
        kernelFunc: ({ inputs, attrs, backend }) =>
          body(inputs as Record<string, tf.TensorInfo>, attrs as Record<string, unknown>, backend as unknown as Parameters<GpuKernel>[2]),
      });
    }
  }
}

/** True when the current backend runs kg4rec's fused kernel `kernelName` (registering kernels first). */
export function hasFusedKernel(kernelName: string): boolean {
  ensureKernels();
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
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
