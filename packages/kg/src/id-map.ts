import { Kg4recError } from '@kg4rec/core';

/**
 * A stable, reversible map between a dataset's own tokens (user ids, MIDs, relation names) and
 * dense integer ids 0…size−1, assigned in first-seen order unless built from a list.
 */
export class IdMap {
  private readonly ids = new Map<string, number>();
  private readonly tokens: string[] = [];

  /** A map whose id i is `tokens[i]` (a KGAT list file, or ids that are already dense). */
  static fromTokens(tokens: Iterable<string>, what = 'token'): IdMap {
    const map = new IdMap();
    for (const token of tokens) {
      if (map.ids.has(token)) throw new Kg4recError('PARSE_ERROR', `duplicate ${what} '${token}' in an id list`);
      map.add(token);
    }
    return map;
  }

  /** The identity map of `size` ids whose tokens are their decimal strings. */
  static range(size: number): IdMap {
    return IdMap.fromTokens(Array.from({ length: size }, (_, i) => String(i)));
  }

  /** Number of ids. */
  get size(): number {
    return this.tokens.length;
  }

  /** The id of `token`, adding it if new. */
  add(token: string): number {
    const known = this.ids.get(token);
    if (known !== undefined) return known;
    const id = this.tokens.length;
    this.ids.set(token, id);
    this.tokens.push(token);
    return id;
  }

  /** The id of `token`, or undefined. */
  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** The token of `id`; an out-of-range id is an `INVALID_ARGUMENT` error. */
  tokenOf(id: number): string {
    const token = this.tokens[id];
    if (token === undefined) throw new Kg4recError('INVALID_ARGUMENT', `id ${id} is out of range [0, ${this.size})`);
    return token;
  }

  /** Every token, in id order. */
  list(): readonly string[] {
    return this.tokens;
  }
}
