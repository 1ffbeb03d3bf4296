/**
 * The one file in kg4rec that imports TensorFlow.js backends. Each loader makes its backend
 * current or throws `BACKEND_UNAVAILABLE` saying why and what to do.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

/** What a loader reports about the backend it made current. */
export interface LoadedBackend {
  /** Facts worth printing: SIMD, adapter, CUDA, … */
  details: Record<string, string | boolean>;
  /** True for a GPU backend whose adapter is a software renderer (lavapipe, SwiftShader). */
  software?: boolean;
}

const require = createRequire(import.meta.url);

function unavailable(backend: string, message: string, cause?: unknown): Kg4recError {
  return new Kg4recError('BACKEND_UNAVAILABLE', `backend '${backend}' cannot be used here: ${message}`, {
    cause,
    details: { backend },
  });
}

async function activate(name: string): Promise<void> {
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch (cause) {
    throw unavailable(name, `TensorFlow.js failed to initialise it (${String(cause)})`, cause);
  }
  if (!ok) throw unavailable(name, 'TensorFlow.js could not initialise it (setBackend returned false)');
  await tf.ready();
}

/** The pure-JavaScript reference backend, always present. */
export async function loadCpu(): Promise<LoadedBackend> {
  await activate('cpu');
  // The cpu backend's first write prints an advert for tfjs-node; kg4rec's own `auto` already
  // reports why a faster backend was not chosen, so the advert is switched off.
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
  return { details: {} };
}

/** WebAssembly (SIMD, one thread: threads do not work in Node). */
export async function loadWasm(): Promise<LoadedBackend> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
  } catch (cause) {
    throw unavailable('wasm', `@tensorflow/tfjs-backend-wasm failed to import (${String(cause)}); reinstall dependencies`, cause);
  }
  await withoutProcessHandlers(() => activate('wasm'));
  return { details: { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT') } };
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Runs `start`, then removes the `uncaughtException` / `unhandledRejection` handlers it added.
 * Emscripten's module (tfjs-wasm) installs handlers that rethrow from inside its minified source,
 * so an application's own uncaught error would print ~40 KB of it and exit with code 7 instead of
 * Node's usual report.
 */
async function withoutProcessHandlers(start: () => Promise<void>): Promise<void> {
  type Listener = (...args: unknown[]) => void;
  const listeners = (event: string) => process.listeners(event as 'uncaughtException') as Listener[];
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(listeners(event))]));
  try {
    await start();
  } finally {
    for (const event of PROCESS_EVENTS)
      for (const listener of listeners(event)) if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
  }
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  isFallbackAdapter?: boolean;
}

async function ensureNavigatorGpu(): Promise<{ requestAdapter(): Promise<GpuAdapterLike | null> }> {
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (!scope.navigator?.gpu) {
    let webgpu: { create(flags: string[]): unknown; globals: object };
    try {
      webgpu = (await import('webgpu')) as unknown as typeof webgpu;
    } catch (cause) {
      throw unavailable('webgpu', `the 'webgpu' package (Dawn for Node) failed to load (${String(cause)}); run \`pnpm add webgpu\``, cause);
    }
    Object.assign(globalThis, webgpu.globals);
    if (!scope.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
    Object.defineProperty(scope.navigator, 'gpu', { value: webgpu.create([]), configurable: true });
  }
  return scope.navigator?.gpu as { requestAdapter(): Promise<GpuAdapterLike | null> };
}

const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software/i;

/** WebGPU through Dawn (the `webgpu` package); needs a Vulkan driver. */
export async function loadWebgpu(): Promise<LoadedBackend> {
  const gpu = await ensureNavigatorGpu();
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    throw unavailable(
      'webgpu',
      "Dawn found no GPU adapter, which means no usable Vulkan driver (libvulkan.so.1 and an ICD). Install your GPU vendor's Vulkan driver; for CPU-only correctness checks, Mesa ≥ 25 lavapipe (Debian bookworm-backports: mesa-vulkan-drivers) works, Mesa 22 does not",
    );
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  await activate('webgpu');
  const info = adapter.info ?? {};
  const label = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const software = adapter.isFallbackAdapter === true || SOFTWARE_ADAPTER.test(label);
  return { details: { adapter: label || 'unknown adapter', software }, software };
}

const TENSORFLOW_PACKAGES = [
  { name: '@tensorflow/tfjs-node-gpu', needs: 'libtensorflow 2.9.1 built for CUDA 11.2 and cuDNN 8.1', cuda: true },
  { name: '@tensorflow/tfjs-node', needs: 'libtensorflow 2.9.1 (CPU)', cuda: false },
] as const;

function findBinding(packageName: string): { root: string; binding: string | undefined } | undefined {
  let root: string;
  try {
    root = dirname(require.resolve(`${packageName}/package.json`));
  } catch {
    return undefined;
  }
  const lib = join(root, 'lib');
  const napiDirs = existsSync(lib) ? readdirSync(lib).filter((d) => d.startsWith('napi-v')) : [];
  const binding = napiDirs.map((d) => join(lib, d, 'tfjs_binding.node')).find((file) => existsSync(file));
  return { root, binding };
}

type TensorflowPackage = (typeof TENSORFLOW_PACKAGES)[number];

function missingBinding(pkg: TensorflowPackage, root: string): string {
  return (
    `${pkg.name} is installed but its native binding is missing (no ${join(root, 'lib', 'napi-v*', 'tfjs_binding.node')}). ` +
    `Its install script downloads ${pkg.needs}, and this workspace blocks dependency build scripts. ` +
    `Where ${pkg.cuda ? 'CUDA 11.2 and cuDNN 8.1 are installed and ' : ''}that download works, set ` +
    `'${pkg.name}': true under allowBuilds in pnpm-workspace.yaml and run \`pnpm rebuild ${pkg.name}\``
  );
}

/** Loads one TensorFlow package, or says why it cannot be loaded. Never imports one without its binding. */
async function tryTensorflowPackage(pkg: TensorflowPackage): Promise<LoadedBackend | string> {
  const found = findBinding(pkg.name);
  if (!found) return `${pkg.name} is not installed (\`pnpm add ${pkg.name}\`)`;
  if (!found.binding) return missingBinding(pkg, found.root);
  try {
    await import(/* @vite-ignore */ pkg.name);
    await activate('tensorflow');
  } catch (cause) {
    return `${pkg.name} failed to load (${cause instanceof Error ? cause.message : String(cause)}); it needs ${pkg.needs}`;
  }
  return { details: { package: pkg.name, cuda: pkg.cuda } };
}

/** Native TensorFlow: `@tensorflow/tfjs-node-gpu` (CUDA) first, then `@tensorflow/tfjs-node`. */
export async function loadTensorflow(): Promise<LoadedBackend> {
  const failures: string[] = [];
  for (const pkg of TENSORFLOW_PACKAGES) {
    const result = await tryTensorflowPackage(pkg);
    if (typeof result !== 'string') return result;
    failures.push(result);
  }
  throw unavailable('tensorflow', failures.join('; '));
}
