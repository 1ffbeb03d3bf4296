import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedRoot } from '@kg4rec/kg';
import { afterAll, describe, expect, it } from 'vitest';
import { clipPixels, type PreprocessedImage } from '../image/preprocess';
import { tinyClipTextModel, tinyClipVisionModel, writeTinyClipFolder } from '../testing/tiny-clip';
import { loadClipTokenizer, OPENAI_BPE_FILE } from '../text/vocabulary-files';
import { dot, l2Normalize } from '../vectors';
import { findClipModelFile, loadClipImage, loadClipText } from './clip';
import { chooseProviders } from './runtime';
import { feedProblems, fromFloat16, toFloat16 } from './tensors';

const bpeFile = join(sharedRoot(), 'models', 'clip-bpe', OPENAI_BPE_FILE);
const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-onnx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const folder = (name: string) => join(scratch, name);
const TEXTS = ['a photo of a cat', 'A poster of a space opera, with rebels and an empire.', ''];

function maxDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let max = 0;
  a.forEach((row, r) => {
    row.forEach((v, i) => {
      max = Math.max(max, Math.abs(v - ((b[r] as Float32Array)[i] as number)));
    });
  });
  return max;
}

function image(seed: number): PreprocessedImage {
  const rgb = Uint8Array.from({ length: 224 * 224 * 3 }, (_, i) => (i * 7 + seed * 31 + ((i / 672) | 0)) % 256);
  return { rgb, size: 224 };
}

describe.skipIf(!existsSync(bpeFile))('CLIP over onnxruntime-node, with tiny models built by the test', () => {
  it('text: int64 ids with attention_mask, loaded from a folder, gives the model’s rows L2-normalised', async () => {
    const models = writeTinyClipFolder(folder('mask'), bpeFile, { idType: 'int64', attentionMask: true });
    const encoder = await loadClipText(folder('mask'));
    try {
      expect(encoder.dim).toBe(512);
      expect(encoder.id).toMatch(/^clip-onnx-text-[0-9a-f]{16}$/);
      const rows = await encoder.encode(TEXTS);
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(dot(row, row)).toBeCloseTo(1, 5);
      const tokens = (await loadClipTokenizer(bpeFile)).encodeBatch(TEXTS);
      const expected = models.text.reference(tokens.ids, tokens.mask, 77).map(l2Normalize);
      expect(maxDifference(rows, expected)).toBeLessThan(1e-5);
    } finally {
      await encoder.dispose();
    }
  });

  it('text: int32 ids, no attention_mask, dynamic sequence length', async () => {
    const models = writeTinyClipFolder(folder('nomask'), bpeFile, {
      idType: 'int32',
      attentionMask: false,
      contextLength: 'dynamic',
      seed: 5,
    });
    const encoder = await loadClipText(folder('nomask'));
    try {
      const rows = await encoder.encode(TEXTS);
      const tokens = (await loadClipTokenizer(bpeFile)).encodeBatch(TEXTS);
      expect(maxDifference(rows, models.text.reference(tokens.ids, undefined, 77).map(l2Normalize))).toBeLessThan(1e-5);
      const other = await loadClipText(folder('mask'));
      await other.dispose();
      expect(encoder.id).not.toBe(other.id);
    } finally {
      await encoder.dispose();
    }
  });

  it('vision: float32 and float16 pixel_values give the model’s rows L2-normalised', async () => {
    const images = [image(1), image(2)];
    const pixels = clipPixels(images);
    for (const pixelType of ['float32', 'float16'] as const) {
      const models = writeTinyClipFolder(folder(`vision-${pixelType}`), bpeFile, {}, { pixelType });
      const encoder = await loadClipImage(folder(`vision-${pixelType}`));
      try {
        expect(encoder.dim).toBe(512);
        const rows = await encoder.encode(images);
        for (const row of rows) expect(dot(row, row)).toBeCloseTo(1, 5);
        const expected = models.vision.reference(pixelType === 'float16' ? fromFloat16(toFloat16(pixels)) : pixels, 2).map(l2Normalize);
        expect(maxDifference(rows, expected)).toBeLessThan(pixelType === 'float16' ? 2e-3 : 1e-5);
      } finally {
        await encoder.dispose();
      }
    }
  });

  it('refuses a model with the wrong signature, showing what it expected and what the model has', async () => {
    writeTinyClipFolder(folder('wrong-input'), bpeFile, { names: { ids: 'token_ids' }, attentionMask: false });
    await expect(loadClipText(folder('wrong-input'))).rejects.toThrow(
      "expected an input 'input_ids' int32 or int64 [batch, sequence] and maybe 'attention_mask' of the same type; the model has inputs 'token_ids' int64 [batch, 77]",
    );
    writeTinyClipFolder(folder('wrong-output'), bpeFile, { names: { output: 'pooler_output' } });
    await expect(loadClipText(folder('wrong-output'))).rejects.toThrow("expected an output 'text_embeds' float32 [batch, dim]");
    const encoder = await loadClipText(folder('wrong-output'), { output: 'pooler_output' });
    await encoder.dispose();
    await expect(loadClipImage(folder('wrong-input'), { variant: 'fp16' })).rejects.toThrow(
      'no CLIP vision model; expected onnx/vision_model_fp16.onnx',
    );
  });

  it('finds published variants by suffix', () => {
    writeFileSync(join(folder('mask'), 'onnx', 'text_model_quantized.onnx'), tinyClipTextModel().bytes);
    expect(findClipModelFile(folder('mask'), 'text', 'quantized')).toBe(join(folder('mask'), 'onnx', 'text_model_quantized.onnx'));
    expect(findClipModelFile(folder('mask'), 'vision', 'quantized')).toBeUndefined();
    expect(tinyClipVisionModel().bytes.length).toBeGreaterThan(1000);
  });
});

describe('feeds and providers', () => {
  it('reports a fed tensor that does not match the model’s input', () => {
    const inputs = [{ name: 'input_ids', type: 'int64', shape: ['batch', 77] }];
    expect(feedProblems(inputs, { input_ids: { type: 'int32', data: new Int32Array(154), dims: [2, 77] } })).toEqual([
      "input 'input_ids' expected int64 [batch, 77], got int32 [2, 77]",
    ]);
    expect(feedProblems(inputs, { input_ids: { type: 'int64', data: new BigInt64Array(10), dims: [2, 5] } })).toEqual([
      "input 'input_ids' expected int64 [batch, 77], got int64 [2, 5]",
    ]);
    expect(feedProblems(inputs, { mask: { type: 'int64', data: new BigInt64Array(1), dims: [1, 1] } })).toEqual([
      "input 'input_ids' expected int64 [batch, 77], but kg4rec has no value for it",
      "the model has no input 'mask' (its inputs: input_ids)",
    ]);
  });

  it('picks providers this runtime lists and names the ones it lacks', async () => {
    expect(await chooseProviders('auto')).toContain('cpu');
    await expect(chooseProviders(['no-such-provider'])).rejects.toThrow(
      'onnxruntime-node has no execution provider no-such-provider; it lists cpu',
    );
  });

  it('round-trips float16 within half precision', () => {
    const values = Float32Array.from([0, 1, -2.5, 65504, 1e-5, 0.1, -0.333]);
    const back = fromFloat16(toFloat16(values));
    values.forEach((v, i) => {
      expect(Math.abs((back[i] as number) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-3 + 1e-7);
    });
  });
});
