/**
 * Host access to tensor memory for the `cpu` and `wasm` backends, so one kernel body serves both.
 * Kernels must allocate their outputs *before* reading inputs: on `wasm` an allocation can grow
 * the heap, which detaches every view read earlier.
 */
import type * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

type TensorInfo = tf.TensorInfo;
type TypedArray = Float32Array | Int32Array | Uint8Array;

/** Reads inputs and allocates outputs as typed arrays on one backend. */
export interface HostStorage {
  /** The values of an input tensor (a view; do not keep it across allocations). */
  read(info: TensorInfo): TypedArray;
  /** A new output tensor of `shape` and the writable array behind it. */
  output(shape: number[], dtype: 'float32' | 'int32'): { info: TensorInfo; values: TypedArray };
}

/** The backends whose memory the host kernels can reach. */
export const HOST_BACKENDS = ['cpu', 'wasm'] as const;
/** One of {@link HOST_BACKENDS}. */
export type HostBackendName = (typeof HOST_BACKENDS)[number];

interface CpuLike {
  readSync(dataId: unknown): unknown;
  makeTensorInfo(shape: number[], dtype: string, values: TypedArray): TensorInfo;
}

interface WasmLike {
  typedArrayFromHeap(info: TensorInfo): TypedArray;
  makeOutput(shape: number[], dtype: string): TensorInfo;
}

/** The {@link HostStorage} of a `cpu` or `wasm` backend instance. */
export function hostStorage(backendName: HostBackendName, backend: unknown): HostStorage {
  return backendName === 'wasm' ? wasmStorage(backend as WasmLike) : cpuStorage(backend as CpuLike);
}

function cpuStorage(backend: CpuLike): HostStorage {
  return {
    read: (info) => backend.readSync(info.dataId) as TypedArray,
    output(shape, dtype) {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
      return { info: backend.makeTensorInfo(shape, dtype, values), values };
    },
  };
}

function wasmStorage(backend: WasmLike): HostStorage {
  return {
    read: (info) => backend.typedArrayFromHeap(info),
    output(shape, dtype) {
      const info = backend.makeOutput(shape, dtype);
      return { info, values: backend.typedArrayFromHeap(info) };
    },
  };
}

/** Narrows a view to float32, with an error naming the op and input otherwise. */
export function asFloats(op: string, name: string, values: TypedArray): Float32Array {
  if (values instanceof Float32Array) return values;
  throw new Kg4recError('INVALID_ARGUMENT', `${op}: input '${name}' must be float32`);
}

/** Narrows a view to int32, with an error naming the op and input otherwise. */
export function asIndices(op: string, name: string, values: TypedArray): Int32Array {
  if (values instanceof Int32Array) return values;
  throw new Kg4recError('INVALID_ARGUMENT', `${op}: input '${name}' must be int32`);
}
