import * as tf from '@tensorflow/tfjs';
import { isKg4recError, Kg4recError } from '../errors';
import { ensureKernels } from '../kernels/register';
import { type LoadedBackend, loadCpu, loadTensorflow, loadWasm, loadWebgpu } from './loaders';

/** The tensor backends kg4rec runs on. */
export const BACKEND_NAMES = ['cpu', 'wasm', 'webgpu', 'tensorflow'] as const;
/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];
/** A backend, or `'auto'`: the fastest one that loads. */
export type BackendChoice = BackendName | 'auto';

/** One backend that was tried, and what happened. */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was skipped or failed; empty when it loaded. */
  message: string;
  /** What a loaded backend reports (SIMD, GPU adapter and whether it is software, CUDA). */
  details?: Record<string, string | boolean>;
}

/** The backend made current by {@link initBackend}. */
export interface BackendInfo {
  name: BackendName;
  /** Why this backend: what it offers, and for `auto` why faster ones were passed over. */
  reason: string;
  /** Facts worth printing (SIMD, GPU adapter, CUDA). */
  details: Record<string, string | boolean>;
  /** Every backend tried, in order, the chosen one last. */
  tried: BackendAttempt[];
}

const LOADERS: Record<BackendName, () => Promise<LoadedBackend>> = {
  cpu: loadCpu,
  wasm: loadWasm,
  webgpu: loadWebgpu,
  tensorflow: loadTensorflow,
};

const STRENGTH: Record<BackendName, string> = {
  tensorflow: 'native TensorFlow kernels (CUDA with tfjs-node-gpu)',
  webgpu: 'GPU compute shaders through WebGPU',
  wasm: 'WebAssembly SIMD, about 40x faster matMul than cpu',
  cpu: 'pure JavaScript, always available (the slowest)',
};

/** `auto` tries these fastest first. */
const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Let `auto` pick WebGPU on a software adapter (lavapipe, SwiftShader). Default false: those are slower than wasm. */
  allowSoftwareGpu?: boolean;
}

function isBackendChoice(value: string): value is BackendChoice {
  return value === 'auto' || (BACKEND_NAMES as readonly string[]).includes(value);
}

/**
 * Makes a tensor backend current and registers kg4rec's kernels. A named backend that cannot load
 * throws `BACKEND_UNAVAILABLE` saying why and what to do; `'auto'` tries the fastest first and
 * reports which it chose and why in {@link BackendInfo.reason}.
 */
export async function initBackend(choice: BackendChoice = 'auto', options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (!isBackendChoice(choice)) {
    throw new Kg4recError(
      'UNKNOWN_NAME',
      `unknown backend '${String(choice)}': expected one of 'auto', ${BACKEND_NAMES.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  ensureKernels();
  if (choice !== 'auto') {
    const loaded = await LOADERS[choice]();
    ensureKernels();
    return {
      name: choice,
      reason: `requested; ${STRENGTH[choice]}`,
      details: loaded.details,
      tried: [{ name: choice, ok: true, message: '' }],
    };
  }
  return initAuto(options);
}

async function initAuto(options: InitBackendOptions): Promise<BackendInfo> {
  const tried: BackendAttempt[] = [];
  for (const name of AUTO_ORDER) {
    const attempt = await tryLoad(name, options);
    if (typeof attempt === 'string') {
      tried.push({ name, ok: false, message: attempt });
      continue;
    }
    tried.push({ name, ok: true, message: '' });
    const passed = tried.filter((t) => !t.ok).map((t) => `${t.name} (${t.message})`);
    const because = passed.length > 0 ? `; faster backends passed over: ${passed.join('; ')}` : '';
    return { name, reason: `fastest that loads: ${STRENGTH[name]}${because}`, details: attempt.details, tried };
  }
  throw new Kg4recError('INTERNAL', 'no backend loaded, not even cpu');
}

async function tryLoad(name: BackendName, options: InitBackendOptions): Promise<LoadedBackend | string> {
  try {
    const loaded = await LOADERS[name]();
    ensureKernels();
    if (loaded.software && !options.allowSoftwareGpu) {
      return `software adapter ${String(loaded.details.adapter)} is slower than wasm; pass allowSoftwareGpu to use it`;
    }
    return loaded;
  } catch (error) {
    if (isKg4recError(error, 'BACKEND_UNAVAILABLE')) return error.message;
    throw error;
  }
}

/** The name of the current backend, initialising TensorFlow.js's default if none is set. */
export function currentBackend(): string {
  return tf.getBackend();
}
