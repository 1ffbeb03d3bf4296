/**
 * Rating files as datasets ship them: `user item [rating [timestamp]]` per line, split by `::`,
 * tab, `;` or `,` (detected from the first line), fields optionally double-quoted, with an
 * optional header line (a first line whose rating or timestamp is not a number).
 */
import { existsSync } from 'node:fs';
import type { DatasetBuilder } from '../builder';
import { missingOrEmpty, parseFloatField, splitFields } from '../io/fields';
import { type Line, readLines } from '../io/lines';

/** The delimiter a rating line uses. */
export function ratingDelimiter(text: string): string {
  return ['::', '\t', ';', ','].find((d) => text.includes(d)) ?? ' ';
}

const unquote = (field: string) => field.trim().replace(/^"(.*)"$/, '$1');
const isNumber = (text: string | undefined) => text === undefined || Number.isFinite(Number(unquote(text)));

function isHeader(line: Line, fields: string[]): boolean {
  return line.number === 1 && (!isNumber(fields[2]) || !isNumber(fields[3]));
}

/** Reads a rating file into interactions (ratings and timestamps where present). */
export async function readRatings(file: string, builder: DatasetBuilder, separator?: string): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  let delimiter = separator;
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    delimiter ??= ratingDelimiter(line.text);
    const fields = splitFields(file, line, delimiter, [2, 4], builder.report)?.map(unquote);
    if (!fields || isHeader(line, fields)) continue;
    const [user, item, ratingText, timeText] = fields as [string, string, string?, string?];
    const rating = ratingText === undefined ? undefined : parseFloatField(file, line, ratingText, 'rating', builder.report);
    const timestamp = timeText === undefined ? undefined : parseFloatField(file, line, timeText, 'timestamp', builder.report);
    if ((ratingText !== undefined && rating === undefined) || (timeText !== undefined && timestamp === undefined)) continue;
    const extras = { ...(rating !== undefined ? { rating } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
    builder.addInteraction(builder.users.add(user), builder.items.add(item), extras);
  }
}
