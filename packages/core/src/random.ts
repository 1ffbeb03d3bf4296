import { Kg4recError } from './errors';

/** The four 32-bit words of a generator's state: save them in a checkpoint, restore them to resume. */
export type RngState = readonly [number, number, number, number];

/**
 * A seeded pseudo-random generator (xoshiro128**, seeded through splitmix32). Every sampler and
 * initialiser in kg4rec draws from one of these, so the same seed gives the same run.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;

  /** @param seed any finite number; its integer part seeds the generator. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new Kg4recError('INVALID_ARGUMENT', `Rng seed must be a finite number, got ${seed}`);
    }
    let x = Math.trunc(seed) >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.setState([next(), next(), next(), next()]);
  }

  /** A generator resumed from a saved {@link RngState}. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  /** The current state, for checkpoints. */
  state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Restores a state saved by {@link Rng.state}. */
  setState(state: RngState): void {
    if (state.every((word) => word === 0)) {
      throw new Kg4recError('INVALID_ARGUMENT', 'Rng state must not be all zeros');
    }
    [this.s0, this.s1, this.s2, this.s3] = state.map((word) => word >>> 0) as [number, number, number, number];
    this.spareNormal = undefined;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 32 bits of randomness. */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
      throw new Kg4recError('INVALID_ARGUMENT', `Rng.int(n) needs an integer n in [1, 2^32], got ${n}`);
    }
    const limit = 4294967296 - (4294967296 % n);
    let draw = this.uint32();
    while (draw >= limit) draw = this.uint32();
    return draw % n;
  }

  /** A standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const u = 1 - this.float();
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
    return items;
  }

  /**
   * An independent generator derived from this one's next draws, so that one seed can feed
   * several samplers whose streams do not shift when another sampler draws more.
   */
  fork(): Rng {
    return Rng.fromState([this.uint32(), this.uint32(), this.uint32(), this.uint32() | 1]);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
