/**
 * Byte-pair encoding as openai/CLIP does it: a word's byte characters, the last one marked with
 * `</w>`, merged pair by pair in merge-rank order until no ranked pair is left.
 */
import { toByteChars } from './byte-level';

/** End-of-word marker appended to a word's last symbol. */
export const END_OF_WORD = '</w>';

/** A BPE model: ranks of merges (`"a b"` → rank, lower merges first). */
export class BytePairEncoder {
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly ranks: ReadonlyMap<string, number>) {}

  /** The BPE symbols of one pre-tokenised word (before the byte-level mapping). */
  encodeWord(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const symbols = toByteChars(word);
    symbols[symbols.length - 1] += END_OF_WORD;
    const merged = this.merge(symbols);
    if (this.cache.size < 100_000) this.cache.set(word, merged);
    return merged;
  }

  private merge(symbols: string[]): string[] {
    let word = symbols;
    while (word.length > 1) {
      const best = this.bestPair(word);
      if (best === undefined) break;
      word = mergePair(word, best[0], best[1]);
    }
    return word;
  }

  private bestPair(word: readonly string[]): [string, string] | undefined {
    let best: [string, string] | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < word.length; i++) {
      const left = word[i] as string;
      const right = word[i + 1] as string;
      const rank = this.ranks.get(`${left} ${right}`);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = [left, right];
      }
    }
    return best;
  }
}

/** Replaces every non-overlapping occurrence of the pair (`first`, `second`), left to right. */
function mergePair(word: readonly string[], first: string, second: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === first && word[i + 1] === second) {
      out.push(first + second);
      i++;
    } else {
      out.push(word[i] as string);
    }
  }
  return out;
}
