import { existsSync } from 'node:fs';
import { Kg4recError } from '@kg4rec/core';
import { at, missingOrEmpty } from '../io/fields';
import { readLines } from '../io/lines';

/**
 * Reads a headerless `token index` file (e.g. MovieLens-1M's `item_map.txt`: `MovieID index`)
 * into tokens by index; the indices must cover 0…n−1 exactly once.
 */
export async function readIndexMap(file: string): Promise<string[]> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  const tokens: string[] = [];
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    const [token, index, ...rest] = line.text.trim().split(/\s+/);
    const position = Number(index);
    if (token === undefined || rest.length > 0 || !Number.isInteger(position) || position < 0 || tokens[position] !== undefined) {
      throw new Kg4recError('PARSE_ERROR', `${at(file, line)}: expected 'token index' with a new non-negative index, got '${line.text}'`, {
        details: { file, line: line.number },
      });
    }
    tokens[position] = token;
  }
  const gap = Array.from(tokens, (token) => token === undefined).indexOf(true); // holes read as undefined
  if (tokens.length === 0) throw missingOrEmpty(file, 'empty');
  if (gap >= 0) throw new Kg4recError('PARSE_ERROR', `${file}: index ${gap} is missing (indices must be 0…${tokens.length - 1})`);
  return tokens;
}
