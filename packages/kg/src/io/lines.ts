/**
 * Streams a text file line by line: gzip when the name ends in `.gz`, CRLF and LF alike, strict
 * UTF-8 (a bad byte is a `PARSE_ERROR` naming file and line). Memory stays bounded by one chunk,
 * so multi-GB triple dumps can be read.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Kg4recError } from '@kg4rec/core';

/** One line of a file, without its line end. */
export interface Line {
  text: string;
  /** 1-based line number. */
  number: number;
}

function openStream(path: string): Readable {
  const file = createReadStream(path);
  return path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
}

/** Finds the 1-based line, within `bytes`, of the first byte sequence that is not UTF-8. */
function lineOfInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    start = i + 1;
    line++;
  }
  return line - 1;
}

function ioError(path: string, cause: unknown): Kg4recError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Kg4recError('IO_ERROR', `${path}: cannot read (${reason})`, { cause, details: { file: path } });
}

/** Text encodings a reader accepts: strict UTF-8 (the default), or ISO-8859-1 (MovieLens-1M's `.dat` files). */
export type Encoding = 'utf-8' | 'latin1';

/**
 * Yields every line of `path`. A final line without a line end is yielded too; a trailing empty
 * line is not.
 */
export async function* readLines(path: string, encoding: Encoding = 'utf-8'): AsyncGenerator<Line> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let pending = '';
  let number = 0;
  // The bytes of the unfinished line `number + 1`, to locate a bad byte if decoding fails.
  let carry: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of openStream(path) as AsyncIterable<Buffer>) {
      const text = decodeOrFail(path, () => decoder.decode(chunk, { stream: true }), number, Buffer.concat([carry, chunk]));
      const lastBreak = chunk.lastIndexOf(0x0a);
      carry = lastBreak >= 0 ? chunk.subarray(lastBreak + 1) : Buffer.concat([carry, chunk]);
      const parts = (pending + text).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) yield { text: stripCarriageReturn(part), number: ++number };
    }
  } catch (error) {
    throw error instanceof Kg4recError ? error : ioError(path, error);
  }
  const rest = pending + decodeOrFail(path, () => decoder.decode(), number, carry);
  if (rest.length > 0) yield { text: stripCarriageReturn(rest), number: ++number };
}

/** Runs a decode step; a decoding failure becomes a `PARSE_ERROR` naming the line of the bad byte. */
function decodeOrFail(path: string, decode: () => string, linesBefore: number, bytes: Uint8Array): string {
  try {
    return decode();
  } catch (cause) {
    const line = linesBefore + lineOfInvalidUtf8(bytes);
    throw new Kg4recError('PARSE_ERROR', `${path} line ${line}: expected UTF-8 text, found an invalid byte`, {
      cause,
      details: { file: path, line },
    });
  }
}

function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
