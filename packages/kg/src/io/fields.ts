import { Kg4recError } from '@kg4rec/core';
import type { LoadReport } from '../report';
import type { Line } from './lines';

/** Where a line came from, for messages: `file line N: …`. */
export function at(file: string, line: Line): string {
  return `${file} line ${line.number}`;
}

/**
 * Splits a line on `separator` (a string, or `/\s+/` for whitespace) and checks the field count
 * (`[min, max]`). A wrong count is a strict-mode error or a counted, skipped line: returns undefined.
 */
export function splitFields(
  file: string,
  line: Line,
  separator: string | RegExp,
  count: number | readonly [number, number],
  report: LoadReport,
): string[] | undefined {
  const fields = typeof separator === 'string' ? line.text.split(separator) : line.text.trim().split(separator);
  const [min, max] = typeof count === 'number' ? [count, count] : count;
  if (fields.length >= min && fields.length <= max) return fields;
  const expected = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
  const name = separator === '\t' ? 'tab-separated' : typeof separator === 'string' ? `'${separator}'-separated` : 'whitespace-separated';
  report.problem('malformedLine', `${at(file, line)}: expected ${expected} ${name} fields, got ${fields.length}`, {
    file,
    line: line.number,
  });
  return undefined;
}

/**
 * The largest id a dense-id format (KGAT, KGCN) may use: ids index arrays of that size, so a
 * corrupted id such as 99999999999 must fail clearly instead of exhausting memory.
 */
export const MAX_DENSE_ID = 2 ** 24;

/** Parses a non-negative integer id field (below {@link MAX_DENSE_ID}), or reports the line as malformed (undefined). */
export function parseId(file: string, line: Line, text: string, what: string, report: LoadReport): number | undefined {
  if (/^\d+$/.test(text) && Number(text) < MAX_DENSE_ID) return Number(text);
  const expected = `a non-negative integer ${what} below ${MAX_DENSE_ID}`;
  report.problem('malformedLine', `${at(file, line)}: expected ${expected}, got '${text}'`, { file, line: line.number });
  return undefined;
}

/** Parses a float field, or reports the line as malformed (undefined). */
export function parseFloatField(file: string, line: Line, text: string, what: string, report: LoadReport): number | undefined {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isFinite(value)) return value;
  report.problem('malformedLine', `${at(file, line)}: expected a number for ${what}, got '${text}'`, { file, line: line.number });
  return undefined;
}

/** An `IO_ERROR` for a required file that is missing or holds no data. */
export function missingOrEmpty(file: string, problem: 'missing' | 'empty'): Kg4recError {
  const message = problem === 'missing' ? `${file}: file not found` : `${file}: file is empty (expected data lines)`;
  return new Kg4recError(problem === 'missing' ? 'IO_ERROR' : 'PARSE_ERROR', message, { details: { file } });
}
