/**
 * Features laid out by collaborative-KG node (`@kg4rec/kg`'s `buildCollaborativeKg`: items, then
 * other entities, then users), as graph models read them: users and contentless nodes get zero
 * rows and `has` 0.
 */
import type { NodeFeatures } from '@kg4rec/core';
import type { CollaborativeKg } from '@kg4rec/kg';
import type { DatasetFeatures } from './dataset-features';

/** Places item and entity features on their CKG nodes, as core's `NodeFeatures` (what models read). */
export function nodeFeatures(features: DatasetFeatures, ckg: Pick<CollaborativeKg, 'numNodes' | 'numItems' | 'entityNode'>): NodeFeatures {
  const { dim } = features;
  const values = new Float32Array(ckg.numNodes * dim);
  const has = new Uint8Array(ckg.numNodes);
  for (let item = 0; item < ckg.numItems; item++) {
    if (!features.itemHas[item]) continue;
    values.set(features.items.subarray(item * dim, (item + 1) * dim), item * dim);
    has[item] = 1;
  }
  ckg.entityNode.forEach((node, entity) => {
    if (node < ckg.numItems || !features.entityHas[entity]) return;
    values.set(features.entities.subarray(entity * dim, (entity + 1) * dim), node * dim);
    has[node] = 1;
  });
  return { dim, values, has };
}
