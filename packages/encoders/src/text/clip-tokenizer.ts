/**
 * The CLIP tokenizer in TypeScript, as the Hugging Face fast CLIP tokenizer does it: NFC,
 * whitespace runs collapsed to one space, lower case; split with CLIP's regex; byte-level BPE;
 * `<|startoftext|>` … `<|endoftext|>` around the ids. (openai/CLIP also runs ftfy and HTML
 * unescaping first; the fast tokenizer, and this one, do not.)
 */
import { Kg4recError } from '@kg4rec/core';
import { BytePairEncoder } from './bpe';

/** CLIP's context length: every model input is 77 ids. */
export const CLIP_CONTEXT_LENGTH = 77;
/** The start-of-text token. */
export const START_OF_TEXT = '<|startoftext|>';
/** The end-of-text token (also CLIP's unknown and padding token). */
export const END_OF_TEXT = '<|endoftext|>';

const WORDS = /'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\p{White_Space}\p{L}\p{N}]+/giu;
const WHITESPACE = /\p{White_Space}+/gu;

/** A vocabulary and merge list, however they were read. */
export interface ClipVocabulary {
  /** Token → id. */
  vocab: ReadonlyMap<string, number>;
  /** Merges in rank order, each `"left right"`. */
  merges: readonly string[];
  /**
   * Strings matched in the raw text before anything else and mapped straight to an id (the
   * special tokens, and e.g. OWL-ViT's `!` padding token). Default: the start and end tokens.
   */
  addedTokens?: ReadonlyMap<string, number>;
}

/** Ids of a batch, padded or truncated to one length. */
export interface TokenBatch {
  /** `[batch, length]` row-major ids. */
  ids: Int32Array;
  /** `[batch, length]`: 1 on real ids (start and end included), 0 on padding. */
  mask: Int32Array;
  /** The number of columns (the context length). */
  length: number;
}

/** Byte-level BPE tokenizer with CLIP's normalisation and pre-tokenisation. */
export class ClipTokenizer {
  /** Id of `<|startoftext|>`. */
  readonly startId: number;
  /** Id of `<|endoftext|>`. */
  readonly endId: number;
  /** Number of ids in the vocabulary. */
  readonly vocabSize: number;
  private readonly vocab: ReadonlyMap<string, number>;
  private readonly bpe: BytePairEncoder;
  private readonly added: ReadonlyMap<string, number>;
  private readonly addedPattern: RegExp | undefined;

  constructor(vocabulary: ClipVocabulary) {
    this.vocab = vocabulary.vocab;
    this.vocabSize = vocabulary.vocab.size;
    this.startId = requireToken(vocabulary.vocab, START_OF_TEXT);
    this.endId = requireToken(vocabulary.vocab, END_OF_TEXT);
    this.bpe = new BytePairEncoder(new Map(vocabulary.merges.map((merge, rank) => [merge, rank])));
    this.added =
      vocabulary.addedTokens ??
      new Map([
        [START_OF_TEXT, this.startId],
        [END_OF_TEXT, this.endId],
      ]);
    const escaped = [...this.added.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.addedPattern = escaped.length > 0 ? new RegExp(escaped.join('|'), 'gu') : undefined;
  }

  /** The ids of `text` between the start and end ids, not truncated. */
  encode(text: string): number[] {
    const ids = [this.startId];
    for (const piece of this.splitAdded(text)) {
      if (typeof piece === 'number') ids.push(piece);
      else this.encodePlain(piece, ids);
    }
    ids.push(this.endId);
    return ids;
  }

  /**
   * Each text's ids in a `[batch, length]` matrix: longer texts keep their first `length − 1`
   * ids and end with the end id (as openai/CLIP and Hugging Face truncate); shorter ones are
   * padded with `padId` (default: the end id, as Hugging Face pads; openai/CLIP pads with 0).
   */
  encodeBatch(texts: readonly string[], options: { length?: number; padId?: number } = {}): TokenBatch {
    const length = options.length ?? CLIP_CONTEXT_LENGTH;
    if (!Number.isInteger(length) || length < 2)
      throw new Kg4recError('INVALID_ARGUMENT', `context length must be an integer ≥ 2, got ${length}`);
    const ids = new Int32Array(texts.length * length).fill(options.padId ?? this.endId);
    const mask = new Int32Array(texts.length * length);
    texts.forEach((text, row) => {
      const tokens = this.encode(text);
      if (tokens.length > length) {
        tokens.length = length;
        tokens[length - 1] = this.endId;
      }
      ids.set(tokens, row * length);
      mask.fill(1, row * length, row * length + tokens.length);
    });
    return { ids, mask, length };
  }

  /** NFC, whitespace runs to one space, lower case: the Hugging Face CLIP normaliser. */
  static normalize(text: string): string {
    return text.normalize('NFC').replace(WHITESPACE, ' ').toLowerCase();
  }

  private *splitAdded(text: string): Generator<string | number> {
    if (!this.addedPattern) {
      yield text;
      return;
    }
    let from = 0;
    for (const match of text.matchAll(this.addedPattern)) {
      if (match.index > from) yield text.slice(from, match.index);
      yield this.added.get(match[0]) ?? this.endId;
      from = match.index + match[0].length;
    }
    if (from < text.length) yield text.slice(from);
  }

  private encodePlain(text: string, out: number[]): void {
    for (const [word] of ClipTokenizer.normalize(text).matchAll(WORDS)) {
      for (const symbol of this.bpe.encodeWord(word)) out.push(this.vocab.get(symbol) ?? this.endId);
    }
  }
}

function requireToken(vocab: ReadonlyMap<string, number>, token: string): number {
  const id = vocab.get(token);
  if (id === undefined) throw new Kg4recError('PARSE_ERROR', `CLIP vocabulary: expected a token '${token}', which it lacks`);
  return id;
}
