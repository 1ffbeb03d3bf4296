/**
 * KGCN / MKR knowledge graphs: `kg.txt` (`head<TAB>relation<TAB>tail`, entity indices and
 * relation names) and `item_index2entity_id.txt` (`item<TAB>entity index`, one per linked item).
 */
import { existsSync } from 'node:fs';
import type { DatasetBuilder } from '../builder';
import { at, missingOrEmpty, splitFields } from '../io/fields';
import { readLines } from '../io/lines';

/** Reads `kg.txt` triples into the builder's entity and relation maps. */
export async function readKgcnTriples(file: string, builder: DatasetBuilder): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  const { entities, relations } = builder;
  for await (const line of readLines(file)) {
    if (line.text === '') continue;
    const fields = splitFields(file, line, '\t', 3, builder.report);
    if (!fields) continue;
    const [head, relation, tail] = fields as [string, string, string];
    builder.addTriple(entities.add(head), relations.add(relation), entities.add(tail));
  }
}

/**
 * Reads `item_index2entity_id.txt`, aligning items to entities. `itemOf` maps the file's item
 * token to an item id (undefined: not in the data, a counted `unknownLinkId`).
 */
export async function readKgcnLinks(file: string, builder: DatasetBuilder, itemOf: (token: string) => number | undefined): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  for await (const line of readLines(file)) {
    if (line.text === '') continue;
    const fields = splitFields(file, line, '\t', 2, builder.report);
    if (!fields) continue;
    const [itemToken, entityToken] = fields as [string, string];
    const item = itemOf(itemToken);
    if (item === undefined) {
      builder.report.problem('unknownLinkId', `${at(file, line)}: item '${itemToken}' is not in the interactions`, {
        file,
        line: line.number,
      });
      continue;
    }
    builder.link(item, builder.entities.add(entityToken));
  }
}
