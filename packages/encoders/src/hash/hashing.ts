/** 32-bit FNV-1a over a string's UTF-16 code units: a fixed, portable feature hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: spreads a hash's bits, so that its top bit can pick a sign. */
export function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hex digest of a list of numbers (for ids of fitted statistics). */
export function digestNumbers(values: Iterable<number>): string {
  let a = 0x811c9dc5;
  let b = 0x12345678;
  for (const value of values) {
    a = Math.imul(a ^ (value >>> 0), 0x01000193);
    b = mix(b ^ (value >>> 0));
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
