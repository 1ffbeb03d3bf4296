/**
 * Item attribute columns to KG triples, for datasets without a KG: each value of a column such as
 * genres, year or director becomes an attribute entity (`<column>:<value>`), linked to the item
 * by relation `<column>`. Items without an entity get one (`item:<token>`).
 */
import { Kg4recError } from '@kg4rec/core';
import type { DatasetBuilder } from './builder';

/** Options of {@link attributeTriples}. */
export interface AttributeTripleOptions {
  /** Splits a cell into values (`|`-separated genres, space-separated classes). Default: the whole cell. */
  separator?: string | RegExp;
}

/** Adds (item, column, value) triples for every item's values of `column`; returns how many. */
export function attributeTriples(builder: DatasetBuilder, column: string, options: AttributeTripleOptions = {}): number {
  const values = builder.itemAttributes.get(column);
  if (!values) {
    const known = [...builder.itemAttributes.keys()].join(', ') || 'none';
    throw new Kg4recError('INVALID_ARGUMENT', `no item attribute '${column}' to build triples from (attributes: ${known})`);
  }
  const relation = builder.relations.add(column);
  let added = 0;
  values.forEach((cell, item) => {
    if (cell === undefined || cell.trim() === '') return;
    const head = builder.itemEntityOf(item);
    const parts = options.separator === undefined ? [cell] : cell.split(options.separator);
    for (const value of parts.map((p) => p.trim()).filter(Boolean)) {
      builder.addTriple(head, relation, builder.entities.add(`${column}:${value}`));
      added++;
    }
  });
  return added;
}
