/**
 * Export of a dataset and one split to KGAT's format, so that the same split can be run by
 * KGAT's Python code side by side with kg4rec (and read back by `readKgat`).
 *
 * Files: `train.txt`, `valid.txt` (kg4rec's addition; KGAT ignores it), `test.txt` (one line per
 * user: `user item item …`), `kg_final.txt` (`head relation tail` over the CKG's entity nodes,
 * items first), and `user_list.txt`, `item_list.txt`, `entity_list.txt`, `relation_list.txt`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomic } from '@kg4rec/core';
import { buildCollaborativeKg } from './ckg';
import type { Dataset } from './dataset';
import { assertRows, type Split } from './split';

function userItemLines(dataset: Dataset, rows: Int32Array): string {
  const items: number[][] = Array.from({ length: dataset.users.size }, () => []);
  for (const row of rows) items[dataset.interactions.user[row] as number]?.push(dataset.interactions.item[row] as number);
  return items.map((list, user) => (list.length > 0 ? `${user} ${list.join(' ')}\n` : '')).join('');
}

function listFile(tokens: readonly string[]): string {
  return `org_id remap_id\n${tokens.map((token, id) => `${token} ${id}\n`).join('')}`;
}

/** The token of each entity node (items first): the item's entity if linked, else the item's own token. */
function entityTokens(dataset: Dataset, entityNode: Int32Array, numEntityNodes: number): string[] {
  const tokens = new Array<string>(numEntityNodes);
  dataset.items.list().forEach((token, item) => {
    tokens[item] = token;
  });
  entityNode.forEach((node, entity) => {
    tokens[node] = dataset.entities.tokenOf(entity);
  });
  return tokens;
}

function kgFinal(dataset: Dataset, entityNode: Int32Array): string {
  const { head, relation, tail } = dataset.triples;
  return Array.from(head, (h, i) => `${entityNode[h]} ${relation[i]} ${entityNode[tail[i] as number]}\n`).join('');
}

/** Writes `dataset` with `split` to a new folder `target` in KGAT's format (atomically). */
export function exportKgat(dataset: Dataset, split: Split, target: string): void {
  for (const part of ['train', 'valid', 'test'] as const) assertRows(dataset, split[part], part);
  const { entityNode, numItems, numOtherEntities } = buildCollaborativeKg(dataset, new Int32Array(0));
  writeFolderAtomic(target, (folder) => {
    const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
    write('train.txt', userItemLines(dataset, split.train));
    write('valid.txt', userItemLines(dataset, split.valid));
    write('test.txt', userItemLines(dataset, split.test));
    write('kg_final.txt', kgFinal(dataset, entityNode));
    write('user_list.txt', listFile(dataset.users.list()));
    write('item_list.txt', listFile(dataset.items.list()));
    write('entity_list.txt', listFile(entityTokens(dataset, entityNode, numItems + numOtherEntities)));
    write('relation_list.txt', listFile(dataset.relations.list()));
  });
}
