import type { IdMap } from './id-map';
import type { LoadReport } from './report';

/** Where an interaction sits in a split given by the source files. */
export const GIVEN = { train: 0, valid: 1, test: 2 } as const;

/** Interactions as parallel columns, one row per (user, item) event. */
export interface Interactions {
  user: Int32Array;
  item: Int32Array;
  /** Explicit ratings, where the source has them. */
  rating?: Float64Array;
  /** Unix seconds, where the source has them (temporal splits need them). */
  timestamp?: Float64Array;
  /** The source's own split ({@link GIVEN}), where the source comes split (KGAT train/test). */
  given?: Uint8Array;
}

/** KG triples over entity and relation ids. */
export interface Triples {
  head: Int32Array;
  relation: Int32Array;
  tail: Int32Array;
}

/** A catalogue entry that is not an item of the dataset, with its content. */
export interface CatalogueEntry {
  /** Its token in the source (e.g. a MovieLens MovieID). */
  token: string;
  poster?: string;
  text?: string;
}

/** Paths of each item's poster and its text, where they exist (`undefined` elsewhere). */
export interface ItemContent {
  poster: (string | undefined)[];
  text: (string | undefined)[];
  /**
   * Content of the source's other entries, which are not items here (MovieLens-1M movies nobody
   * rated in this dataset), so that features exist for them as cold-start items too.
   */
  catalogue?: CatalogueEntry[];
}

/** A dataset as read from its files: id maps, interactions, KG, item↔entity alignment. */
export interface Dataset {
  name: string;
  users: IdMap;
  items: IdMap;
  entities: IdMap;
  relations: IdMap;
  interactions: Interactions;
  triples: Triples;
  /** The entity id of each item, −1 where the item has no KG entity. */
  itemEntity: Int32Array;
  /** Item metadata columns by name (titles, years, genres …), where the source has them. */
  itemAttributes: Map<string, (string | undefined)[]>;
  /** User metadata columns by name (age, gender, occupation …), where the source has them. */
  userAttributes: Map<string, (string | undefined)[]>;
  content?: ItemContent;
  /** What was dropped or skipped while loading. */
  report: LoadReport;
}
