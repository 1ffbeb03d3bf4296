/**
 * Cold-start items scored as items added after training: from their content alone, through the
 * model's `scoreNewItems` (no ID row, no edges), for the `cold-new` evaluation.
 */
import { Kg4recError, type ModelContent, type NewItems, type Recommender } from '@kg4rec/core';

const CONTENT_KINDS = ['visual', 'text'] as const;

/**
 * The cold-start items that have features in every modality `content` holds, with those
 * features as {@link NewItems}: what scoring them as items added after training reads (their
 * content alone, not their ID rows or edges).
 */
export function coldItemsAsNew(content: ModelContent | undefined, coldItems: Int32Array): { items: Int32Array; features: NewItems } {
  const present = CONTENT_KINDS.map((kind) => content?.[kind]).filter((f) => f !== undefined);
  const items = coldItems.filter((item) => present.every((f) => f.has[item] === 1));
  const features: NewItems = { count: items.length };
  for (const kind of CONTENT_KINDS) {
    const f = content?.[kind];
    if (!f) continue;
    const values = new Float32Array(items.length * f.dim);
    items.forEach((item, k) => {
      values.set(f.values.subarray(item * f.dim, (item + 1) * f.dim), k * f.dim);
    });
    features[kind] = values;
  }
  return { items, features };
}

/** Scores of every item whose cold-start columns come from the model's `scoreNewItems` (the rest are 0, and not candidates). */
export function newItemScorer(model: Recommender, numItems: number, content: ModelContent | undefined, coldItems: Int32Array) {
  if (!model.scoreNewItems)
    throw new Kg4recError('INVALID_ARGUMENT', 'this model scores only the items it was trained with; it has no scoreNewItems');
  const scoreNewItems = model.scoreNewItems.bind(model);
  const { items, features } = coldItemsAsNew(content, coldItems);
  const score = async (users: Int32Array) => {
    const { scores } = await scoreNewItems(users, features);
    const all = new Float32Array(users.length * numItems);
    for (let u = 0; u < users.length; u++)
      items.forEach((item, k) => {
        all[u * numItems + item] = scores[u * items.length + k] as number;
      });
    return all;
  };
  return { items, score };
}
