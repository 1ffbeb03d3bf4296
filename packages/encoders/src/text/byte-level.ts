/**
 * GPT-2/CLIP byte-level alphabet: every byte gets a printable Unicode character, so that BPE
 * works on strings without whitespace or control characters. Printable bytes map to themselves,
 * the other 68 to U+0100 onwards, in byte order.
 */

function buildByteTable(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const table: string[] = new Array(256);
  let next = 256;
  for (let b = 0; b < 256; b++) table[b] = String.fromCodePoint(printable(b) ? b : next++);
  return table;
}

/** `BYTE_TO_CHAR[b]`: the character standing for byte `b`. */
export const BYTE_TO_CHAR: readonly string[] = buildByteTable();

/**
 * The 256 byte characters in vocabulary order: printable bytes first (`!`…`~`, `¡`…`¬`,
 * `®`…`ÿ`), then the remapped ones. openai/CLIP's vocabulary starts with them, then the same
 * with `</w>`.
 */
export const BYTE_CHARS_IN_VOCAB_ORDER: readonly string[] = [
  ...BYTE_TO_CHAR.filter((c) => c.charCodeAt(0) < 256),
  ...BYTE_TO_CHAR.filter((c) => c.charCodeAt(0) >= 256),
];

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text` as byte-level characters. */
export function toByteChars(text: string): string[] {
  return Array.from(encoder.encode(text), (b) => BYTE_TO_CHAR[b] as string);
}
