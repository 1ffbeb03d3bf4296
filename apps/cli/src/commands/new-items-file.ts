/**
 * The file `kg4rec recommend --new-items` reads: items added after training, one per line,
 * tab-separated under a header that names the columns: `id` (required), `title`, `poster` (an
 * image file, relative to the file's folder unless absolute) and `text` (a description).
 *
 *   id	title	poster	text
 *   new-1	The Return of the Cat	posters/cat.jpg	A cat comes back to the town it left ...
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import { type Dataset, readLines } from '@kg4rec/kg';
import type { NewItemContent } from '@kg4rec/trainer';

/** One line of a new-items file. */
export interface NewItemRow extends NewItemContent {
  title: string;
}

const COLUMNS = ['id', 'title', 'poster', 'text'] as const;

/** The header's column positions; `id` and one of `poster` / `text` are required. */
function columnsOf(file: string, header: string): Map<string, number> {
  const names = header.split('\t').map((name) => name.trim());
  const unknown = names.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0 || !names.includes('id') || !(names.includes('poster') || names.includes('text')))
    throw new Kg4recError(
      'PARSE_ERROR',
      `${file} line 1: expected a tab-separated header of ${COLUMNS.join(', ')} (id and poster or text required), got '${header}'`,
    );
  return new Map(names.map((name, k) => [name, k]));
}

/** Reads a new-items file; an id already in `dataset`, a repeated id or a short line is an error naming the line. */
export async function readNewItemsFile(file: string, dataset: Dataset): Promise<NewItemRow[]> {
  const rows: NewItemRow[] = [];
  let columns: Map<string, number> | undefined;
  const seen = new Set<string>();
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    if (!columns) {
      columns = columnsOf(file, line.text);
      continue;
    }
    const fields = line.text.split('\t');
    if (fields.length !== columns.size)
      throw new Kg4recError(
        'PARSE_ERROR',
        `${file} line ${line.number}: expected ${columns.size} tab-separated fields, got ${fields.length}`,
      );
    const field = (name: string) => {
      const at = columns?.get(name);
      const value = at === undefined ? '' : (fields[at] ?? '').trim();
      return value === '' ? undefined : value;
    };
    const id = field('id');
    if (!id) throw new Kg4recError('PARSE_ERROR', `${file} line ${line.number}: the id is empty`);
    if (seen.has(id) || dataset.items.idOf(id) !== undefined)
      throw new Kg4recError(
        'PARSE_ERROR',
        `${file} line ${line.number}: item '${id}' is ${seen.has(id) ? 'listed twice' : `already in ${dataset.name}`}; a new item needs a new id`,
      );
    seen.add(id);
    const poster = field('poster');
    const text = field('text');
    rows.push({
      name: id,
      title: field('title') ?? '',
      ...(poster ? { poster: isAbsolute(poster) ? poster : resolve(dirname(file), poster) } : {}),
      ...(text ? { text } : {}),
    });
  }
  if (rows.length === 0) throw new Kg4recError('PARSE_ERROR', `${file}: expected a header line and at least one item, found none`);
  return rows;
}
