/**
 * RecBole atomic files: `<name>.inter`, `.kg`, `.link`, `.item`, `.user`, tab-separated with a
 * typed header (`user_id:token	item_id:token	rating:float	timestamp:float`). Field types:
 * `token`, `token_seq`, `float`, `float_seq`. Column names follow RecBole's defaults.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import type { DatasetBuilder } from '../builder';
import { type Dataset, GIVEN } from '../dataset';
import { at, missingOrEmpty, parseFloatField, splitFields } from '../io/fields';
import { type Line, readLines } from '../io/lines';

const FIELD_TYPES = ['token', 'token_seq', 'float', 'float_seq'] as const;
type FieldType = (typeof FIELD_TYPES)[number];

/** One column of an atomic file's header. */
export interface AtomicColumn {
  name: string;
  type: FieldType;
}

/** Parses `name:type` header fields; an unknown type or malformed field is a `PARSE_ERROR`. */
export function parseAtomicHeader(file: string, line: Line): AtomicColumn[] {
  return line.text.split('\t').map((field, index) => {
    const [name, type, ...rest] = field.split(':');
    if (!name || !type || rest.length > 0 || !(FIELD_TYPES as readonly string[]).includes(type)) {
      throw new Kg4recError(
        'PARSE_ERROR',
        `${at(file, line)}: header field ${index + 1} '${field}' must be name:type with type one of ${FIELD_TYPES.join(', ')}`,
        { details: { file, line: line.number } },
      );
    }
    return { name, type: type as FieldType };
  });
}

/** Streams an atomic file's rows as `{ column name: raw value }`, checking field counts and float fields. */
export async function* readAtomicFile(file: string, builder: DatasetBuilder): AsyncGenerator<{ row: Record<string, string>; line: Line }> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  let columns: AtomicColumn[] | undefined;
  for await (const line of readLines(file)) {
    if (!columns) {
      columns = parseAtomicHeader(file, line);
      continue;
    }
    if (line.text === '') continue;
    const fields = splitFields(file, line, '\t', columns.length, builder.report);
    if (!fields) continue;
    const row: Record<string, string> = {};
    let valid = true;
    columns.forEach((column, i) => {
      const value = fields[i] as string;
      if (!floatsValid(file, line, column, value, builder)) valid = false;
      row[column.name] = value;
    });
    if (valid) yield { row, line };
  }
  if (!columns) throw missingOrEmpty(file, 'empty');
}

/** Checks a `float` field, or each space-separated value of a `float_seq` field. */
function floatsValid(file: string, line: Line, column: AtomicColumn, value: string, builder: DatasetBuilder): boolean {
  if (column.type === 'float') return parseFloatField(file, line, value, column.name, builder.report) !== undefined;
  if (column.type !== 'float_seq' || value.trim() === '') return true;
  return value
    .trim()
    .split(/\s+/)
    .every((part) => parseFloatField(file, line, part, column.name, builder.report) !== undefined);
}

function requireColumns(file: string, row: Record<string, string>, names: readonly string[]): void {
  const missing = names.filter((name) => !(name in row));
  if (missing.length > 0) {
    throw new Kg4recError('PARSE_ERROR', `${file}: header lacks column(s) ${missing.join(', ')}`, { details: { file } });
  }
}

async function readItems(file: string, builder: DatasetBuilder): Promise<void> {
  for await (const { row } of readAtomicFile(file, builder)) {
    requireColumns(file, row, ['item_id']);
    const item = builder.items.add(row.item_id as string);
    for (const [column, value] of Object.entries(row)) if (column !== 'item_id') builder.setAttribute(column, item, value);
  }
}

async function readUsers(file: string, builder: DatasetBuilder): Promise<void> {
  for await (const { row } of readAtomicFile(file, builder)) {
    requireColumns(file, row, ['user_id']);
    const user = builder.users.add(row.user_id as string);
    for (const [column, value] of Object.entries(row)) if (column !== 'user_id') builder.setUserAttribute(column, user, value);
  }
}

async function readInteractions(file: string, builder: DatasetBuilder, given?: number): Promise<void> {
  for await (const { row } of readAtomicFile(file, builder)) {
    requireColumns(file, row, ['user_id', 'item_id']);
    const extras = {
      ...(row.rating !== undefined ? { rating: Number(row.rating) } : {}),
      ...(row.timestamp !== undefined ? { timestamp: Number(row.timestamp) } : {}),
      ...(given !== undefined ? { given } : {}),
    };
    builder.addInteraction(builder.users.add(row.user_id as string), builder.items.add(row.item_id as string), extras);
  }
}

async function readLinks(file: string, builder: DatasetBuilder): Promise<void> {
  for await (const { row, line } of readAtomicFile(file, builder)) {
    requireColumns(file, row, ['item_id', 'entity_id']);
    const item = builder.items.idOf(row.item_id as string);
    if (item === undefined) {
      builder.report.problem('unknownLinkId', `${at(file, line)}: item '${row.item_id}' is not in the interactions or item file`, {
        file,
        line: line.number,
      });
      continue;
    }
    builder.link(item, builder.entities.add(row.entity_id as string));
  }
}

async function readTriples(file: string, builder: DatasetBuilder): Promise<void> {
  for await (const { row } of readAtomicFile(file, builder)) {
    requireColumns(file, row, ['head_id', 'relation_id', 'tail_id']);
    const { entities, relations } = builder;
    builder.addTriple(entities.add(row.head_id as string), relations.add(row.relation_id as string), entities.add(row.tail_id as string));
  }
}

/**
 * Reads a RecBole atomic dataset from `directory` (files named `<name>.<suffix>`, `name` defaulting
 * to the directory's name). `.inter` is required, or else RecBole's benchmark files
 * `.train.inter`, `.valid.inter`, `.test.inter`, read as the given split; `.item`, `.user`,
 * `.link` and `.kg` are read when present.
 */
export async function readRecbole(builder: DatasetBuilder, directory: string, name = basename(directory)): Promise<Dataset> {
  const file = (suffix: string) => join(directory, `${name}.${suffix}`);
  if (existsSync(file('item'))) await readItems(file('item'), builder);
  if (existsSync(file('user'))) await readUsers(file('user'), builder);
  if (!existsSync(file('inter')) && existsSync(file('train.inter'))) {
    for (const [part, given] of Object.entries(GIVEN)) await readInteractions(file(`${part}.inter`), builder, given);
  } else await readInteractions(file('inter'), builder);
  if (existsSync(file('link'))) await readLinks(file('link'), builder);
  if (existsSync(file('kg'))) await readTriples(file('kg'), builder);
  return builder.build(name);
}
