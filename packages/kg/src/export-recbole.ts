/**
 * Export of a dataset and one split to RecBole atomic files, for RecBole's
 * `benchmark_filename: [train, valid, test]`: `<name>.train.inter`, `<name>.valid.inter`,
 * `<name>.test.inter`, plus `<name>.kg`, `<name>.link`, `<name>.item` and `<name>.user` where
 * there is data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomic } from '@kg4rec/core';
import type { Dataset } from './dataset';
import { assertRows, type Split } from './split';

const line = (fields: Array<string | number>) => `${fields.join('\t')}\n`;

function interFile(dataset: Dataset, rows: Int32Array): string {
  const { user, item, rating, timestamp } = dataset.interactions;
  const header = ['user_id:token', 'item_id:token', ...(rating ? ['rating:float'] : []), ...(timestamp ? ['timestamp:float'] : [])];
  const body = Array.from(rows, (row) =>
    line([
      dataset.users.tokenOf(user[row] as number),
      dataset.items.tokenOf(item[row] as number),
      ...(rating ? [rating[row] as number] : []),
      ...(timestamp ? [timestamp[row] as number] : []),
    ]),
  );
  return line(header) + body.join('');
}

function kgFile(dataset: Dataset): string {
  const { head, relation, tail } = dataset.triples;
  const token = (e: number) => dataset.entities.tokenOf(e);
  const body = Array.from(head, (h, i) => line([token(h), dataset.relations.tokenOf(relation[i] as number), token(tail[i] as number)]));
  return line(['head_id:token', 'relation_id:token', 'tail_id:token']) + body.join('');
}

function linkFile(dataset: Dataset): string {
  const body = Array.from(dataset.itemEntity, (entity, item) =>
    entity < 0 ? '' : line([dataset.items.tokenOf(item), dataset.entities.tokenOf(entity)]),
  );
  return line(['item_id:token', 'entity_id:token']) + body.join('');
}

/** An `.item` or `.user` file: the id column, then every attribute column as `token_seq`. */
function attributeFile(idColumn: string, tokens: readonly string[], table: Map<string, (string | undefined)[]>): string {
  const columns = [...table.keys()];
  const header = [`${idColumn}:token`, ...columns.map((column) => `${column}:token_seq`)];
  const body = tokens.map((token, row) => line([token, ...columns.map((c) => table.get(c)?.[row] ?? '')]));
  return line(header) + body.join('');
}

/** Writes `dataset` with `split` to a new folder `target` as RecBole atomic files (atomically). */
export function exportRecbole(dataset: Dataset, split: Split, target: string, name = dataset.name): void {
  for (const part of ['train', 'valid', 'test'] as const) assertRows(dataset, split[part], part);
  writeFolderAtomic(target, (folder) => {
    const write = (suffix: string, text: string) => writeFileSync(join(folder, `${name}.${suffix}`), text);
    for (const part of ['train', 'valid', 'test'] as const) write(`${part}.inter`, interFile(dataset, split[part]));
    if (dataset.triples.head.length > 0) write('kg', kgFile(dataset));
    if (dataset.itemEntity.some((e) => e >= 0)) write('link', linkFile(dataset));
    if (dataset.itemAttributes.size > 0) write('item', attributeFile('item_id', dataset.items.list(), dataset.itemAttributes));
    if (dataset.userAttributes.size > 0) write('user', attributeFile('user_id', dataset.users.list(), dataset.userAttributes));
  });
}
