/**
 * Which rows a dataset's feature table gets, and from what: items from their own content (poster,
 * description); attribute entities (tokens `<column>:<value>`, as `attributeTriples` builds them,
 * or any entity a caller names) from their name as text, and from an image where the caller has
 * one. Entities aligned to an item share the item's row. Whatever has no content is listed, not
 * invented.
 */
import type { Dataset } from '@kg4rec/kg';
import type { Modality } from '../types';

/** One row to encode: its key (`item:<token>` or `entity:<token>`) and its input. */
export interface ContentInput {
  key: string;
  /** The text itself, or the image file path. */
  input: string;
  /** Where it came from, for reports (`poster`, `description`, `name`, a file path). */
  origin: string;
}

/** Options of {@link contentInputs}. */
export interface ContentOptions {
  /** Names of entities by token (e.g. Freebase names), used as their text. */
  entityNames?: ReadonlyMap<string, string>;
  /** Images of entities by token (file paths). */
  entityImages?: ReadonlyMap<string, string>;
  /**
   * Also encode the dataset's catalogue entries that are not items (cold-start items:
   * MovieLens-1M movies nobody rated here), keyed `item:<token>` like items. Default true.
   */
  catalogue?: boolean;
}

/** What a dataset offers for one modality. */
export interface ContentPlan {
  inputs: ContentInput[];
  /** Keys of items and (non-item) entities with nothing to encode. */
  missing: string[];
  /** How many of the inputs are catalogue entries rather than items. */
  catalogue: number;
}

/** Row key of an item. */
export const itemKey = (token: string) => `item:${token}`;
/** Row key of an entity that is not an item. */
export const entityKey = (token: string) => `entity:${token}`;

/** The text an attribute entity's token names: `genre:Comedy` → `genre: Comedy`. */
export function attributeName(token: string, columns: ReadonlySet<string>): string | undefined {
  const at = token.indexOf(':');
  if (at <= 0) return undefined;
  const column = token.slice(0, at);
  const value = token.slice(at + 1).trim();
  return columns.has(column) && value !== '' ? `${column}: ${value}` : undefined;
}

/** The rows of `dataset` for `modality`, and what has no content. */
export function contentInputs(dataset: Dataset, modality: Modality, options: ContentOptions = {}): ContentPlan {
  const inputs: ContentInput[] = [];
  const missing: string[] = [];
  const items = dataset.items.list();
  const own = modality === 'text' ? dataset.content?.text : dataset.content?.poster;
  items.forEach((token, item) => {
    const input = own?.[item];
    if (input !== undefined && input.trim() !== '')
      inputs.push({ key: itemKey(token), input, origin: modality === 'text' ? 'description' : input });
    else missing.push(itemKey(token));
  });
  let catalogue = 0;
  if (options.catalogue ?? true) {
    for (const entry of dataset.content?.catalogue ?? []) {
      const input = modality === 'text' ? entry.text : entry.poster;
      if (input === undefined || input.trim() === '') continue;
      inputs.push({ key: itemKey(entry.token), input, origin: modality === 'text' ? 'description (catalogue)' : input });
      catalogue++;
    }
  }
  const itemEntities = new Set(dataset.itemEntity);
  const columns = new Set([...dataset.itemAttributes.keys(), ...dataset.relations.list()]);
  dataset.entities.list().forEach((token, entity) => {
    if (itemEntities.has(entity)) return;
    const input =
      modality === 'text' ? (options.entityNames?.get(token) ?? attributeName(token, columns)) : options.entityImages?.get(token);
    if (input !== undefined) inputs.push({ key: entityKey(token), input, origin: modality === 'text' ? 'name' : input });
    else missing.push(entityKey(token));
  });
  return { inputs, missing, catalogue };
}
