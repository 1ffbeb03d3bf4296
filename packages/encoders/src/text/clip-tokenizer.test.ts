import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedRoot } from '@kg4rec/kg';
import { describe, expect, it } from 'vitest';
import { ClipTokenizer } from './clip-tokenizer';
import {
  loadClipTokenizer,
  OPENAI_BPE_FILE,
  readClipVocabulary,
  vocabularyFromOpenaiMerges,
  vocabularyFromVocabAndMerges,
} from './vocabulary-files';

const bpeFile = join(sharedRoot(), 'models', 'clip-bpe', OPENAI_BPE_FILE);
const casesFile = join(sharedRoot(), 'fixtures', 'clip', 'tokenizer-cases.json');
const haveFiles = existsSync(bpeFile) && existsSync(casesFile);

interface Case {
  model: string;
  name: string;
  text: string;
  ids: number[];
}

describe.skipIf(!haveFiles)('ClipTokenizer on the shared reference cases', () => {
  const cases = haveFiles ? (JSON.parse(readFileSync(casesFile, 'utf8')) as Case[]) : [];
  const openai = haveFiles
    ? vocabularyFromOpenaiMerges(gunzipSync(readFileSync(bpeFile)).toString('utf8'))
    : { vocab: new Map(), merges: [] };

  it('builds openai’s 49,408-id vocabulary with start 49406 and end 49407', () => {
    const tokenizer = new ClipTokenizer(openai);
    expect([tokenizer.vocabSize, tokenizer.startId, tokenizer.endId]).toEqual([49408, 49406, 49407]);
    expect(tokenizer.encode('a photo of a cat')).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
  });

  it('gives exactly the listed ids for all 26 cases', () => {
    expect(cases).toHaveLength(26);
    const clip = new ClipTokenizer(openai);
    // OWL-ViT's tokenizer is CLIP's with '!' (id 0) as an added padding token, matched before
    // anything else, as its tokenizer.json's added_tokens say.
    const owlvit = new ClipTokenizer({
      ...openai,
      addedTokens: new Map([
        ['!', 0],
        ['<|startoftext|>', 49406],
        ['<|endoftext|>', 49407],
      ]),
    });
    const wrong = cases.filter((c) => {
      const tokenizer = c.model.includes('owlvit') ? owlvit : clip;
      return JSON.stringify(tokenizer.encode(c.text)) !== JSON.stringify(c.ids);
    });
    expect(wrong.map((c) => c.name)).toEqual([]);
  });

  it('truncates to 77 ids keeping the first 76 and the end id, and pads with the end id', () => {
    const tokenizer = new ClipTokenizer(openai);
    const long = cases.find((c) => c.name === 'MULTIBYTE_EMOJIS') ?? cases[0];
    if (!long) throw new Error('no cases');
    expect(long.ids.length).toBeGreaterThan(77);
    const batch = tokenizer.encodeBatch([long.text, 'a photo of a cat']);
    expect(batch.length).toBe(77);
    expect(Array.from(batch.ids.subarray(0, 77))).toEqual([...long.ids.slice(0, 76), 49407]);
    expect(Array.from(batch.mask.subarray(0, 77)).every((m) => m === 1)).toBe(true);
    const short = Array.from(batch.ids.subarray(77));
    expect(short.slice(0, 7)).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
    expect(short.slice(7).every((id) => id === 49407)).toBe(true);
    expect(Array.from(batch.mask.subarray(77)).reduce((a, b) => a + b)).toBe(7);
    expect(Array.from(tokenizer.encodeBatch(['a cat'], { padId: 0, length: 5 }).ids)).toEqual([49406, 320, 2368, 49407, 0]);
  });

  it('reads the same vocabulary from vocab.json + merges.txt and from the gzipped merges file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg4rec-tok-'));
    try {
      const vocab = Object.fromEntries(openai.vocab);
      writeFileSync(join(dir, 'vocab.json'), JSON.stringify(vocab));
      writeFileSync(join(dir, 'merges.txt'), `#version: 0.2\n${openai.merges.join('\n')}\n`);
      const fromHf = await loadClipTokenizer(dir);
      const fromGz = await loadClipTokenizer(bpeFile);
      for (const c of cases.filter((x) => !x.model.includes('owlvit'))) expect(fromHf.encode(c.text)).toEqual(fromGz.encode(c.text));
      expect((await readClipVocabulary(dir)).vocab.size).toBe(49408);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tokenizer files: bad input', () => {
  it('names the file and line of a malformed merge', () => {
    expect(() => vocabularyFromVocabAndMerges('{"<|startoftext|>":0,"<|endoftext|>":1}', '#version: 0.2\na b\nabc\n')).toThrow(
      'merges.txt:3: expected a merge "left right" (two symbols, one space), got \'abc\'',
    );
  });

  it('says which files a folder lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg4rec-tok-'));
    try {
      await expect(loadClipTokenizer(dir)).rejects.toThrow(
        'expected tokenizer.json, or vocab.json and merges.txt, or bpe_simple_vocab_16e6.txt.gz',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a vocabulary without the special tokens', () => {
    expect(() => new ClipTokenizer({ vocab: new Map([['a</w>', 0]]), merges: [] })).toThrow("expected a token '<|startoftext|>'");
  });
});
