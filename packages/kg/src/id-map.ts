import { Kg4recError } from '@kg4rec/core';

/**
 * A stable, reversible map between a dataset's own tokens (user ids, MIDs, relation names) and
 * dense integer ids 0…size−1, assigned in first-seen order unless built from a list.
 */
export class IdMap {
  private readonly ids = new Map<string, number>();
  private readonly tokens: string[] = [];
  /** Set for an identity map of this many ids, whose tokens are their decimal strings and are not stored. */
  private identitySize: number | undefined;

  /** A map whose id i is `tokens[i]` (a KGAT list file, or ids that are already dense). */
  static fromTokens(tokens: Iterable<string>, what = 'token'): IdMap {
    const map = new IdMap();
    for (const token of tokens) {
      if (map.ids.has(token)) throw new Kg4recError('PARSE_ERROR', `duplicate ${what} '${token}' in an id list`);
      map.add(token);
    }
    return map;
  }

  /** The identity map of `size` ids whose tokens are their decimal strings (stored only if tokens are added later). */
  static range(size: number): IdMap {
    const map = new IdMap();
    map.identitySize = size;
    return map;
  }

  /** True for an identity map from {@link IdMap.range} (tokens are the ids' decimal strings). */
  get isIdentity(): boolean {
    return this.identitySize !== undefined;
  }

  /** Number of ids. */
  get size(): number {
    return this.identitySize ?? this.tokens.length;
  }

  /** Turns an identity map into a stored one, before a token is added. */
  private materialize(): void {
    const size = this.identitySize;
    if (size === undefined) return;
    this.identitySize = undefined;
    for (let id = 0; id < size; id++) this.add(String(id));
  }

  /** The id of `token`, adding it if new. */
  add(token: string): number {
    this.materialize();
    const known = this.ids.get(token);
    if (known !== undefined) return known;
    const id = this.tokens.length;
    this.ids.set(token, id);
    this.tokens.push(token);
    return id;
  }

  /** The id of `token`, or undefined. */
  idOf(token: string): number | undefined {
    if (this.identitySize === undefined) return this.ids.get(token);
    const id = Number(token);
    return Number.isInteger(id) && id >= 0 && id < this.identitySize && String(id) === token ? id : undefined;
  }

  /** The token of `id`; an out-of-range id is an `INVALID_ARGUMENT` error. */
  tokenOf(id: number): string {
    if (this.identitySize !== undefined && Number.isInteger(id) && id >= 0 && id < this.identitySize) return String(id);
    const token = this.tokens[id];
    if (token === undefined) throw new Kg4recError('INVALID_ARGUMENT', `id ${id} is out of range [0, ${this.size})`);
    return token;
  }

  /** Every token, in id order. */
  list(): readonly string[] {
    return this.identitySize === undefined ? this.tokens : Array.from({ length: this.identitySize }, (_, id) => String(id));
  }
}
