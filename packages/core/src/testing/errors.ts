import { isKg4recError } from '../errors';

/**
 * The `Kg4recError` code `work` throws: undefined when it returns, `'not a Kg4recError'` when it
 * throws something else. For tests of error paths: `expect(thrownCode(() => op())).toBe('SHAPE_MISMATCH')`.
 */
export function thrownCode(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return isKg4recError(error) ? error.code : 'not a Kg4recError';
  }
  return undefined;
}
