/**
 * The collaborative KG's ids in words, for explanations: what a node is (an item and its title,
 * an entity, a user) and what a relation is (a KG relation, its inverse, the interaction), read
 * from the layout `buildCollaborativeKg` chose.
 */
import type { CollaborativeKg } from './ckg';
import type { Dataset } from './dataset';

/** An item's title where the dataset has one (`movie_title`, `title`), else its token. */
export function itemTitle(dataset: Dataset, item: number): string {
  const title = dataset.itemAttributes.get('movie_title')?.[item] ?? dataset.itemAttributes.get('title')?.[item];
  return title ?? dataset.items.tokenOf(item);
}

/** Describes CKG nodes and relations; build once per (dataset, CKG) and reuse. */
export interface CkgDescriber {
  /** `item 242 (Kolya (1996))`, `entity m.0abc`, `user 196`. */
  node(node: number): string;
  /** A KG relation's token, `inverse of <token>`, `interacted with` or `interacted by`. */
  relation(relation: number): string;
}

/** A {@link CkgDescriber} for `ckg` built from `dataset`. */
export function describeCkg(dataset: Dataset, ckg: CollaborativeKg): CkgDescriber {
  const entityOf = new Map<number, number>();
  ckg.entityNode.forEach((node, entity) => {
    if (!entityOf.has(node)) entityOf.set(node, entity);
  });
  const R = ckg.numKgRelations;
  return {
    node(node) {
      if (node < ckg.numItems) return `item ${dataset.items.tokenOf(node)} (${itemTitle(dataset, node)})`;
      if (node >= ckg.firstUserNode) return `user ${dataset.users.tokenOf(node - ckg.firstUserNode)}`;
      const entity = entityOf.get(node);
      return entity === undefined ? `node ${node}` : `entity ${dataset.entities.tokenOf(entity)}`;
    },
    relation(relation) {
      if (relation === R) return 'interacted with';
      if (relation < R) return dataset.relations.tokenOf(relation);
      if (relation === 2 * R + 1) return 'interacted by';
      return `inverse of ${dataset.relations.tokenOf(relation - R - 1)}`;
    },
  };
}
