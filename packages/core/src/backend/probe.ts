import { isKg4recError } from '../errors';
import { BACKEND_NAMES, type BackendAttempt, type BackendName, initBackend } from './init-backend';

/**
 * Tries every backend in turn and reports which load here. Leaves the last one that loaded
 * current; call {@link initBackend} afterwards to choose. `only` restricts the names tried
 * (the test suites read it from `KG4REC_BACKENDS`, comma-separated).
 */
export async function probeBackends(only: readonly BackendName[] = BACKEND_NAMES): Promise<BackendAttempt[]> {
  const attempts: BackendAttempt[] = [];
  for (const name of only) {
    try {
      const info = await initBackend(name);
      attempts.push({ name, ok: true, message: '', details: info.details });
    } catch (error) {
      if (!isKg4recError(error, 'BACKEND_UNAVAILABLE')) throw error;
      attempts.push({ name, ok: false, message: error.message });
    }
  }
  return attempts;
}
