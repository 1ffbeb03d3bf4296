/**
 * The closed set of error codes kg4rec raises. Branch on `error.code`, never on the message.
 *
 * - `INVALID_ARGUMENT`: a function got a value outside its contract (shape, range, type).
 * - `INVALID_CONFIG`: a configuration failed validation.
 * - `UNKNOWN_NAME`: a registry was asked for a name it does not hold.
 * - `DUPLICATE_NAME`: a registry was given a name it already holds.
 * - `PARSE_ERROR`: an input file is malformed (the message names file, line and expectation).
 * - `IO_ERROR`: a file or directory could not be read or written.
 * - `BACKEND_UNAVAILABLE`: a tensor backend cannot be loaded here (the message says why and what to do).
 * - `SHAPE_MISMATCH`: tensors that must agree in shape do not.
 * - `NON_FINITE`: training produced a NaN or infinite loss (it stopped; the message names where).
 * - `RUN_IN_USE`: a run folder is being written by another live process.
 * - `INTERNAL`: a broken invariant inside kg4rec: a bug to report.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'INVALID_CONFIG',
  'UNKNOWN_NAME',
  'DUPLICATE_NAME',
  'PARSE_ERROR',
  'IO_ERROR',
  'BACKEND_UNAVAILABLE',
  'SHAPE_MISMATCH',
  'NON_FINITE',
  'RUN_IN_USE',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Options of {@link Kg4recError}. */
export interface Kg4recErrorOptions {
  /** The error that caused this one, kept for its stack and message. */
  cause?: unknown;
  /** Machine-readable facts about the failure (file, line, valid names, …). */
  details?: Record<string, unknown>;
}

/** The one error class of kg4rec: a closed `code`, a message saying what was expected and found, a `cause`. */
export class Kg4recError extends Error {
  override readonly name = 'Kg4recError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: Kg4recErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `value` is a {@link Kg4recError}, of the given code if one is named. */
export function isKg4recError(value: unknown, code?: ErrorCode): value is Kg4recError {
  return value instanceof Kg4recError && (code === undefined || value.code === code);
}

/** Throws an `INTERNAL` or given-code error unless `condition` holds. */
export function assert(condition: unknown, message: string, code: ErrorCode = 'INVALID_ARGUMENT'): asserts condition {
  if (!condition) throw new Kg4recError(code, message);
}
