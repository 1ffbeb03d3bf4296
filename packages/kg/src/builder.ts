import type { Dataset, Interactions, Triples } from './dataset';
import { float64Column, int32Column } from './growable';
import { IdMap } from './id-map';
import { LoadReport, type Strictness } from './report';

/** Optional fields of one interaction. */
export interface InteractionExtras {
  rating?: number;
  timestamp?: number;
  given?: number;
}

/** Collects what readers parse, mapping tokens to ids as it goes; `build` dedupes and aligns. */
export class DatasetBuilder {
  users = new IdMap();
  items = new IdMap();
  entities = new IdMap();
  relations = new IdMap();
  readonly report: LoadReport;
  readonly itemAttributes = new Map<string, (string | undefined)[]>();
  readonly userAttributes = new Map<string, (string | undefined)[]>();
  private readonly user = int32Column();
  private readonly item = int32Column();
  private readonly rating = float64Column();
  private readonly timestamp = float64Column();
  private readonly given = int32Column();
  private readonly head = int32Column();
  private readonly relation = int32Column();
  private readonly tail = int32Column();
  private readonly links = new Map<number, number>();

  constructor(strictness: Strictness = 'lenient') {
    this.report = new LoadReport(strictness);
  }

  /** Adds one interaction by ids (map tokens with `users.add` / `items.add` first). */
  addInteraction(user: number, item: number, extras: InteractionExtras = {}): void {
    this.user.push(user);
    this.item.push(item);
    this.rating.push(extras.rating ?? Number.NaN);
    this.timestamp.push(extras.timestamp ?? Number.NaN);
    this.given.push(extras.given ?? -1);
  }

  /** Adds one triple by ids. */
  addTriple(head: number, relation: number, tail: number): void {
    this.head.push(head);
    this.relation.push(relation);
    this.tail.push(tail);
  }

  /** Aligns an item with a KG entity (a later link of the same item replaces the earlier one). */
  link(item: number, entity: number): void {
    this.links.set(item, entity);
  }

  /** The entity of `item`, creating and linking `item:<token>` when it has none. */
  itemEntityOf(item: number): number {
    const linked = this.links.get(item);
    if (linked !== undefined) return linked;
    const entity = this.entities.add(`item:${this.items.tokenOf(item)}`);
    this.links.set(item, entity);
    return entity;
  }

  /** Sets one item's value of a metadata column. */
  setAttribute(column: string, item: number, value: string): void {
    setCell(this.itemAttributes, column, item, value);
  }

  /** Sets one user's value of a metadata column (age, gender, occupation …). */
  setUserAttribute(column: string, user: number, value: string): void {
    setCell(this.userAttributes, column, user, value);
  }

  /** The finished dataset: duplicate triples, self-loops and duplicate interactions dropped and counted. */
  build(name: string): Dataset {
    const itemEntity = new Int32Array(this.items.size).fill(-1);
    for (const [item, entity] of this.links) itemEntity[item] = entity;
    return {
      name,
      users: this.users,
      items: this.items,
      entities: this.entities,
      relations: this.relations,
      interactions: this.buildInteractions(),
      triples: this.buildTriples(),
      itemEntity,
      itemAttributes: this.itemAttributes,
      userAttributes: this.userAttributes,
      report: this.report,
    };
  }

  private buildTriples(): Triples {
    const [heads, relations, tails] = [this.head.toArray(), this.relation.toArray(), this.tail.toArray()];
    const seen = new Map<number, Set<number>>();
    const keep: number[] = [];
    const numEntities = Math.max(1, this.entities.size);
    for (let i = 0; i < heads.length; i++) {
      const [h, r, t] = [heads[i] as number, relations[i] as number, tails[i] as number];
      if (h === t) {
        this.report.count('selfLoop', 1, `self-loop dropped: ${this.entities.tokenOf(h)} ${this.relations.tokenOf(r)}`);
        continue;
      }
      const keys = seen.get(h) ?? new Set<number>();
      seen.set(h, keys);
      const key = r * numEntities + t;
      if (keys.has(key)) {
        this.report.count('duplicateTriple', 1);
        continue;
      }
      keys.add(key);
      keep.push(i);
    }
    const pick = (column: Int32Array) => Int32Array.from(keep, (i) => column[i] as number);
    return { head: pick(heads), relation: pick(relations), tail: pick(tails) };
  }

  private buildInteractions(): Interactions {
    const users = this.user.toArray();
    const items = this.item.toArray();
    const keep = this.uniqueInteractions(users, items);
    const pickInt = (column: Int32Array) => Int32Array.from(keep, (i) => column[i] as number);
    const pickFloat = (column: Float64Array) => {
      const values = Float64Array.from(keep, (i) => column[i] as number);
      return values.some((v) => !Number.isNaN(v)) ? values : undefined;
    };
    const given = pickInt(this.given.toArray());
    const interactions: Interactions = { user: pickInt(users), item: pickInt(items) };
    const rating = pickFloat(this.rating.toArray());
    const timestamp = pickFloat(this.timestamp.toArray());
    if (rating) interactions.rating = rating;
    if (timestamp) interactions.timestamp = timestamp;
    if (given.some((g) => g >= 0)) interactions.given = Uint8Array.from(given);
    return interactions;
  }

  /** Rows to keep: the first of each (user, item, given split) triple. */
  private uniqueInteractions(users: Int32Array, items: Int32Array): number[] {
    const given = this.given.toArray();
    const seen = new Set<number>();
    const keep: number[] = [];
    const numItems = Math.max(1, this.items.size);
    for (let i = 0; i < users.length; i++) {
      const key = ((users[i] as number) * numItems + (items[i] as number)) * 4 + ((given[i] as number) + 1);
      if (seen.has(key)) {
        this.report.count('duplicateInteraction', 1);
        continue;
      }
      seen.add(key);
      keep.push(i);
    }
    return keep;
  }
}

function setCell(table: Map<string, (string | undefined)[]>, column: string, row: number, value: string): void {
  const values = table.get(column) ?? [];
  values[row] = value;
  table.set(column, values);
}
