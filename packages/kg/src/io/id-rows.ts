import type { DatasetBuilder } from '../builder';
import { parseId, splitFields } from './fields';
import { readLines } from './lines';

/**
 * Streams whitespace-separated rows of non-negative integer ids, one per name (`head relation
 * tail`, `user item label`); a malformed row is reported under the builder's policy and skipped.
 */
export async function* readIdRows(file: string, builder: DatasetBuilder, names: readonly string[]): AsyncGenerator<number[]> {
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    const fields = splitFields(file, line, /\s+/, names.length, builder.report);
    const ids = fields?.map((text, i) => parseId(file, line, text, names[i] as string, builder.report));
    if (ids?.every((id) => id !== undefined)) yield ids as number[];
  }
}
