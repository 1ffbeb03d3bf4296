import { describe, expect, it } from 'vitest';
import { assert, ERROR_CODES, isKg4recError, Kg4recError } from './index';

describe('Kg4recError', () => {
  it('carries a code from the closed set, a message, details and a cause', () => {
    const cause = new Error('disk full');
    const error = new Kg4recError('IO_ERROR', 'cache.bin: cannot write', { cause, details: { file: 'cache.bin' } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('Kg4recError');
    expect(error.code).toBe('IO_ERROR');
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ file: 'cache.bin' });
    expect(ERROR_CODES).toContain(error.code);
  });

  it('is recognised by isKg4recError, optionally by code', () => {
    const error = new Kg4recError('PARSE_ERROR', 'x.kg line 3: expected 3 fields, got 2');
    expect(isKg4recError(error)).toBe(true);
    expect(isKg4recError(error, 'PARSE_ERROR')).toBe(true);
    expect(isKg4recError(error, 'IO_ERROR')).toBe(false);
    expect(isKg4recError(new Error('plain'))).toBe(false);
  });

  it('assert throws with the given code only when the condition fails', () => {
    expect(() => assert(1 + 1 === 2, 'never')).not.toThrow();
    expect(() => assert(false, 'k must be positive', 'INVALID_CONFIG')).toThrowError(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: 'k must be positive' }),
    );
  });
});
