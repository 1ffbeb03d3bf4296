/**
 * A feature table laid out for a model: one row per item and one per entity (an entity aligned to
 * an item takes the item's row), with masks saying which rows have features.
 */
import { Kg4recError } from '@kg4rec/core';
import type { Dataset } from '@kg4rec/kg';
import type { FeatureTable } from '../store/table';
import { entityKey, itemKey } from './content';

/** Item and entity feature matrices of one modality. */
export interface DatasetFeatures {
  dim: number;
  /** items × dim; zero rows where `itemHas` is 0. */
  items: Float32Array;
  itemHas: Uint8Array;
  /** entities × dim; zero rows where `entityHas` is 0. */
  entities: Float32Array;
  entityHas: Uint8Array;
}

/** Places a table's rows by the dataset's item and entity ids. */
export function datasetFeatures(dataset: Dataset, table: FeatureTable): DatasetFeatures {
  if (table.meta.dataset !== dataset.name) {
    throw new Kg4recError('INVALID_ARGUMENT', `features of dataset '${table.meta.dataset}' cannot be used for dataset '${dataset.name}'`);
  }
  const dim = table.meta.dim;
  const index = new Map(table.rows.map((row, i) => [row.key, i]));
  const place = (keys: readonly (string | undefined)[]) => {
    const values = new Float32Array(keys.length * dim);
    const has = new Uint8Array(keys.length);
    keys.forEach((key, i) => {
      const row = key === undefined ? undefined : index.get(key);
      if (row === undefined) return;
      values.set(table.values.subarray(row * dim, (row + 1) * dim), i * dim);
      has[i] = 1;
    });
    return { values, has };
  };
  const items = place(dataset.items.list().map(itemKey));
  const itemOfEntity = new Map<number, string>();
  dataset.itemEntity.forEach((entity, item) => {
    if (entity >= 0) itemOfEntity.set(entity, itemKey(dataset.items.tokenOf(item)));
  });
  const entities = place(dataset.entities.list().map((token, entity) => itemOfEntity.get(entity) ?? entityKey(token)));
  return { dim, items: items.values, itemHas: items.has, entities: entities.values, entityHas: entities.has };
}
