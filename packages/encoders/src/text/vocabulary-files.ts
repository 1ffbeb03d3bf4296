/**
 * Reading a CLIP vocabulary from the files models ship with: Hugging Face's `tokenizer.json`, or
 * `vocab.json` + `merges.txt`, or openai's `bpe_simple_vocab_16e6.txt.gz`.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Kg4recError } from '@kg4rec/core';
import { END_OF_WORD } from './bpe';
import { BYTE_CHARS_IN_VOCAB_ORDER } from './byte-level';
import { ClipTokenizer, type ClipVocabulary, END_OF_TEXT, START_OF_TEXT } from './clip-tokenizer';

/** openai/CLIP uses the first 49,152 − 256 − 2 merges of its BPE file. */
export const OPENAI_MERGE_COUNT = 49_152 - 256 - 2;
/** File name of openai/CLIP's merges file. */
export const OPENAI_BPE_FILE = 'bpe_simple_vocab_16e6.txt.gz';

/**
 * The vocabulary openai/CLIP builds from its merges file (`bpe_simple_vocab_16e6.txt`, already
 * gunzipped): the 256 byte characters, the same with `</w>`, one token per merge, then the start
 * and end tokens: 49,408 ids.
 */
export function vocabularyFromOpenaiMerges(text: string, file = OPENAI_BPE_FILE): ClipVocabulary {
  const lines = text.split('\n');
  if (lines.length < OPENAI_MERGE_COUNT + 1) {
    throw new Kg4recError(
      'PARSE_ERROR',
      `${file}: expected at least ${OPENAI_MERGE_COUNT + 1} lines (a header, then merges), got ${lines.length}`,
    );
  }
  const merges = lines.slice(1, OPENAI_MERGE_COUNT + 1).map((line, index) => checkMerge(line, file, index + 2));
  const tokens = [
    ...BYTE_CHARS_IN_VOCAB_ORDER,
    ...BYTE_CHARS_IN_VOCAB_ORDER.map((c) => c + END_OF_WORD),
    ...merges.map((merge) => merge.replace(' ', '')),
    START_OF_TEXT,
    END_OF_TEXT,
  ];
  return { vocab: new Map(tokens.map((token, id) => [token, id])), merges };
}

/** A Hugging Face `vocab.json` (token → id) and `merges.txt` (`#version` header, then merges). */
export function vocabularyFromVocabAndMerges(
  vocabJson: string,
  mergesTxt: string,
  files = { vocab: 'vocab.json', merges: 'merges.txt' },
): ClipVocabulary {
  const vocab = parseVocab(parseJson(vocabJson, files.vocab), files.vocab);
  const merges: string[] = [];
  mergesTxt.split('\n').forEach((line, index) => {
    if (line.startsWith('#version') || line.trim() === '') return;
    merges.push(checkMerge(line, files.merges, index + 1));
  });
  return { vocab, merges };
}

/** A Hugging Face `tokenizer.json`: its BPE model's vocabulary and merges, and its added tokens. */
export function vocabularyFromTokenizerJson(json: string, file = 'tokenizer.json'): ClipVocabulary {
  const parsed = parseJson(json, file) as { model?: { type?: string; vocab?: unknown; merges?: unknown[] }; added_tokens?: unknown[] };
  const model = parsed.model;
  if (model?.type !== 'BPE' || !Array.isArray(model.merges)) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected a BPE model with "vocab" and "merges" under "model"`);
  }
  const vocab = parseVocab(model.vocab, `${file} (model.vocab)`);
  const merges = model.merges.map((merge, index) => {
    const line = Array.isArray(merge) ? merge.join(' ') : String(merge);
    return checkMerge(line, `${file} (model.merges[${index}])`, index + 1);
  });
  const addedTokens = new Map<string, number>();
  for (const entry of parsed.added_tokens ?? []) {
    const { id, content } = entry as { id?: unknown; content?: unknown };
    if (typeof id !== 'number' || typeof content !== 'string') {
      throw new Kg4recError('PARSE_ERROR', `${file}: expected added_tokens entries with a numeric "id" and a string "content"`);
    }
    addedTokens.set(content, id);
  }
  return { vocab, merges, ...(addedTokens.size > 0 ? { addedTokens } : {}) };
}

/**
 * Reads the tokenizer files of a CLIP model folder (or one file): `tokenizer.json`, else
 * `vocab.json` + `merges.txt`, else `bpe_simple_vocab_16e6.txt.gz`. Errors name what was looked for.
 */
export async function loadClipTokenizer(path: string): Promise<ClipTokenizer> {
  return new ClipTokenizer(await readClipVocabulary(path));
}

/** The vocabulary behind {@link loadClipTokenizer}. */
export async function readClipVocabulary(path: string): Promise<ClipVocabulary> {
  if (!existsSync(path)) throw new Kg4recError('IO_ERROR', `${path}: no such tokenizer file or folder`);
  if (!statSync(path).isDirectory()) return readVocabularyFile(path);
  for (const name of ['tokenizer.json', OPENAI_BPE_FILE]) {
    if (existsSync(join(path, name))) return readVocabularyFile(join(path, name));
  }
  const vocab = join(path, 'vocab.json');
  const merges = join(path, 'merges.txt');
  if (existsSync(vocab) && existsSync(merges)) {
    return vocabularyFromVocabAndMerges(await readFile(vocab, 'utf8'), await readFile(merges, 'utf8'), { vocab, merges });
  }
  throw new Kg4recError(
    'IO_ERROR',
    `${path}: no CLIP tokenizer files; expected tokenizer.json, or vocab.json and merges.txt, or ${OPENAI_BPE_FILE}`,
  );
}

async function readVocabularyFile(file: string): Promise<ClipVocabulary> {
  const bytes = await readFile(file);
  if (file.endsWith('.gz')) return vocabularyFromOpenaiMerges(gunzipSync(bytes).toString('utf8'), file);
  if (file.endsWith('.json')) return vocabularyFromTokenizerJson(bytes.toString('utf8'), file);
  return vocabularyFromOpenaiMerges(bytes.toString('utf8'), file);
}

function checkMerge(line: string, file: string, lineNumber: number): string {
  const parts = line.split(' ');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    throw new Kg4recError('PARSE_ERROR', `${file}:${lineNumber}: expected a merge "left right" (two symbols, one space), got '${line}'`, {
      details: { file, line: lineNumber },
    });
  }
  return line;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: not valid JSON (${(cause as Error).message})`, { cause, details: { file } });
  }
}

function parseVocab(value: unknown, file: string): Map<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Kg4recError('PARSE_ERROR', `${file}: expected an object of token → id`);
  }
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(value)) {
    if (!Number.isInteger(id))
      throw new Kg4recError('PARSE_ERROR', `${file}: token '${token}' has id ${JSON.stringify(id)}, expected an integer`);
    vocab.set(token, id as number);
  }
  return vocab;
}
