/**
 * Generic delimited files (CSV, TSV) with a header row and a column mapping: interactions
 * (`user`, `item`, optional `rating`, `timestamp`) and triples (`head`, `relation`, `tail`).
 * The delimiter follows the extension (`.tsv` tab, else comma); CSV fields may be double-quoted
 * (`""` inside quotes is a quote; a quoted field may not span lines).
 */
import { existsSync } from 'node:fs';
import { Kg4recError } from '@kg4rec/core';
import type { DatasetBuilder } from '../builder';
import { at, missingOrEmpty, parseFloatField } from '../io/fields';
import { type Line, readLines } from '../io/lines';

/** Which header names hold which field. */
export interface ColumnMapping {
  user: string;
  item: string;
  rating?: string;
  timestamp?: string;
  head: string;
  relation: string;
  tail: string;
}

/** The default mapping: columns named after the fields. */
export const DEFAULT_COLUMNS: ColumnMapping = {
  user: 'user',
  item: 'item',
  rating: 'rating',
  timestamp: 'timestamp',
  head: 'head',
  relation: 'relation',
  tail: 'tail',
};

/** Splits one CSV line, honouring double quotes; undefined when a quote is left open. */
export function splitCsvLine(text: string, delimiter: string): string[] | undefined {
  if (delimiter !== ',' || !text.includes('"')) return text.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === '"' && text[i + 1] === '"') field += text[++i];
    else if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

const delimiterOf = (file: string) => (/\.tsv(\.gz)?$/.test(file) ? '\t' : ',');

/** Streams rows of a delimited file as `{ header name: value }`. */
async function* readRows(file: string, builder: DatasetBuilder): AsyncGenerator<{ row: Record<string, string>; line: Line }> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  const delimiter = delimiterOf(file);
  let header: string[] | undefined;
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    const fields = splitCsvLine(line.text, delimiter);
    if (!header) {
      header = fields ?? [];
      continue;
    }
    if (!fields || fields.length !== header.length) {
      const got = fields ? `${fields.length} fields` : 'an unclosed quote';
      builder.report.problem('malformedLine', `${at(file, line)}: expected ${header.length} fields as in the header, got ${got}`, {
        file,
        line: line.number,
      });
      continue;
    }
    yield { row: Object.fromEntries(header.map((name, i) => [name, fields[i] as string])), line };
  }
  if (!header) throw missingOrEmpty(file, 'empty');
}

function requireHeader(file: string, row: Record<string, string>, columns: Array<string | undefined>): void {
  const missing = columns.filter((c): c is string => c !== undefined && !(c in row));
  if (missing.length > 0) {
    throw new Kg4recError('PARSE_ERROR', `${file}: header lacks column(s) ${missing.join(', ')} (set them in the column mapping)`);
  }
}

/** Reads interactions from a delimited file. */
export async function readDelimitedInteractions(
  file: string,
  builder: DatasetBuilder,
  columns: ColumnMapping = DEFAULT_COLUMNS,
): Promise<void> {
  for await (const { row, line } of readRows(file, builder)) {
    requireHeader(file, row, [columns.user, columns.item]);
    const number = (column: string | undefined) =>
      column !== undefined && row[column] !== undefined
        ? parseFloatField(file, line, row[column] as string, column, builder.report)
        : undefined;
    const rating = number(columns.rating);
    const timestamp = number(columns.timestamp);
    if (
      (columns.rating && row[columns.rating] !== undefined && rating === undefined) ||
      (columns.timestamp && row[columns.timestamp] !== undefined && timestamp === undefined)
    )
      continue;
    const extras = { ...(rating !== undefined ? { rating } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
    builder.addInteraction(builder.users.add(row[columns.user] as string), builder.items.add(row[columns.item] as string), extras);
  }
}

/** Reads triples from a delimited file. */
export async function readDelimitedTriples(file: string, builder: DatasetBuilder, columns: ColumnMapping = DEFAULT_COLUMNS): Promise<void> {
  const { entities, relations } = builder;
  for await (const { row } of readRows(file, builder)) {
    requireHeader(file, row, [columns.head, columns.relation, columns.tail]);
    builder.addTriple(
      entities.add(row[columns.head] as string),
      relations.add(row[columns.relation] as string),
      entities.add(row[columns.tail] as string),
    );
  }
}
