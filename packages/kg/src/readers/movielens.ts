/** MovieLens raw files: `movies.dat` (`MovieID::Title (Year)::Genre|Genre`, ISO-8859-1). */
import { existsSync } from 'node:fs';
import type { DatasetBuilder } from '../builder';
import { missingOrEmpty, splitFields } from '../io/fields';
import { readLines } from '../io/lines';

/**
 * Reads `movies.dat` into item attributes `title`, `year` and `genres` (`|`-separated), for the
 * items `itemOf` knows (others are skipped: movies nobody rated).
 */
export async function readMoviesDat(file: string, builder: DatasetBuilder, itemOf: (movieId: string) => number | undefined): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  for await (const line of readLines(file, 'latin1')) {
    if (line.text === '') continue;
    const fields = splitFields(file, line, '::', 3, builder.report);
    if (!fields) continue;
    const [movieId, titleAndYear, genres] = fields as [string, string, string];
    const item = itemOf(movieId);
    if (item === undefined) continue;
    const match = /^(.*) \((\d{4})\)$/.exec(titleAndYear.trim());
    builder.setAttribute('title', item, match ? (match[1] as string) : titleAndYear);
    if (match) builder.setAttribute('year', item, match[2] as string);
    builder.setAttribute('genres', item, genres);
  }
}
