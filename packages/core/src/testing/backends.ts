import { BACKEND_NAMES, type BackendName, initBackend } from '../backend/init-backend';
import { probeBackends } from '../backend/probe';
import { isKg4recError, Kg4recError } from '../errors';

/**
 * The backends that load on this machine, for conformance suites that run over each one and read
 * results synchronously: `cpu`, `wasm` and `tensorflow`. `webgpu` reads only asynchronously; the
 * WebGPU parity suite covers it. `KG4REC_BACKENDS=cpu,wasm` restricts the names tried.
 */
export async function loadableBackends(): Promise<BackendName[]> {
  const requested = process.env.KG4REC_BACKENDS?.split(',').map((name) => name.trim());
  const names = BACKEND_NAMES.filter((name) => name !== 'webgpu' && (!requested || requested.includes(name)));
  const attempts = await probeBackends(names);
  return attempts.filter((attempt) => attempt.ok).map((attempt) => attempt.name);
}

/** The WebGPU adapter a parity suite runs on, or why it cannot run here. */
export type WebgpuUnderTest = { adapter: string; software: boolean } | { skip: string };

/**
 * Makes `webgpu` current for a parity suite, or says why it cannot run. With
 * `KG4REC_REQUIRE_WEBGPU=1` (CI's `pnpm test:webgpu`) a backend that cannot load throws instead,
 * so that a missing driver fails the run rather than skipping the suite.
 */
export async function webgpuUnderTest(): Promise<WebgpuUnderTest> {
  try {
    const info = await initBackend('webgpu');
    return { adapter: String(info.details.adapter), software: info.details.software === true };
  } catch (error) {
    if (!isKg4recError(error, 'BACKEND_UNAVAILABLE')) throw error;
    if (process.env.KG4REC_REQUIRE_WEBGPU === '1') {
      throw new Kg4recError(
        'BACKEND_UNAVAILABLE',
        `KG4REC_REQUIRE_WEBGPU=1, but ${error.message} (on a machine without a GPU, run scripts/lavapipe.sh and source its env.sh first)`,
        { cause: error },
      );
    }
    console.warn(`WebGPU parity suite skipped: ${error.message}`);
    return { skip: error.message };
  }
}
