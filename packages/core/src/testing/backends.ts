import { BACKEND_NAMES, type BackendName } from '../backend/init-backend';
import { probeBackends } from '../backend/probe';

/**
 * The backends that load on this machine, for conformance suites that run over each one.
 * `KG4REC_BACKENDS=cpu,wasm` restricts the names tried.
 */
export async function loadableBackends(): Promise<BackendName[]> {
  const requested = process.env.KG4REC_BACKENDS?.split(',').map((name) => name.trim());
  const names = BACKEND_NAMES.filter((name) => !requested || requested.includes(name));
  const attempts = await probeBackends(names);
  return attempts.filter((attempt) => attempt.ok).map((attempt) => attempt.name);
}
