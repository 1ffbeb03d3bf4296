/**
 * CLIP text and image encoders over onnxruntime-node: a model folder as published (e.g.
 * Xenova/clip-vit-base-patch32: `onnx/text_model.onnx`, `onnx/vision_model.onnx`, their
 * `_fp16` / `_quantized` variants, and `tokenizer.json` or `vocab.json` + `merges.txt`).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import type { PreprocessedImage } from '../image/preprocess';
import { clipPixels } from '../image/preprocess';
import { ClipTokenizer } from '../text/clip-tokenizer';
import { readClipVocabulary } from '../text/vocabulary-files';
import type { ImageEncoder, TextEncoder } from '../types';
import { fileSha256 } from './hashes';
import { outputRows } from './output-rows';
import { chooseProviders, createSession, type OnnxSession } from './runtime';
import { type ClipTextSignature, type ClipVisionSignature, clipTextSignature, clipVisionSignature } from './signature';
import { feedProblems, type HostTensor, toFloat16 } from './tensors';

/** Options of {@link loadClipText} and {@link loadClipImage}. */
export interface ClipModelOptions {
  /**
   * Which export: `full` (default: `text_model.onnx`), `fp16`, `quantized`, or any suffix the
   * folder uses (`q4` → `text_model_q4.onnx`).
   */
  variant?: string;
  /** Execution providers, or `auto` (default): see {@link chooseProviders}. */
  providers?: 'auto' | readonly string[];
  /** Output to read. Default `text_embeds` / `image_embeds`. */
  output?: string;
}

/** The model file of one tower in a folder (or its `onnx/` subfolder), or undefined. */
export function findClipModelFile(dir: string, tower: 'text' | 'vision', variant = 'full'): string | undefined {
  const suffix = variant === 'full' || variant === '' ? '' : `_${variant}`;
  const names = [`${tower}_model${suffix}.onnx`, `${tower === 'text' ? 'textual' : 'visual'}${suffix}.onnx`];
  for (const folder of [join(dir, 'onnx'), dir]) {
    for (const name of names) if (existsSync(join(folder, name))) return join(folder, name);
  }
  return undefined;
}

function requireModelFile(dir: string, tower: 'text' | 'vision', variant = 'full'): string {
  const file = findClipModelFile(dir, tower, variant);
  if (file) return file;
  const suffix = variant === 'full' ? '' : `_${variant}`;
  throw new Kg4recError(
    'IO_ERROR',
    `${dir}: no CLIP ${tower} model; expected onnx/${tower}_model${suffix}.onnx or ${tower}_model${suffix}.onnx`,
  );
}

async function checkedRun(session: OnnxSession, name: string, feeds: Record<string, HostTensor>, output: string): Promise<Float32Array[]> {
  const problems = feedProblems(session.inputs, feeds);
  if (problems.length > 0) throw new Kg4recError('SHAPE_MISMATCH', `${name}: ${problems.join('; ')}`, { details: { file: name } });
  return outputRows((await session.run(feeds))[output], name, output);
}

function idTensor(values: Int32Array, type: string, dims: number[]): HostTensor {
  return type === 'int64' ? { type, data: BigInt64Array.from(values, (v) => BigInt(v)), dims } : { type: 'int32', data: values, dims };
}

/** CLIP's text tower: tokenizes, pads to the model's context, runs, L2-normalises. */
export class ClipTextEncoder implements TextEncoder {
  readonly modality = 'text';
  readonly id: string;
  dim = 0;

  private constructor(
    private readonly session: OnnxSession,
    private readonly tokenizer: ClipTokenizer,
    private readonly signature: ClipTextSignature,
    private readonly name: string,
    id: string,
  ) {
    this.id = id;
  }

  /** Wraps a session: checks its signature, learns its output width. `hash` identifies model + tokenizer. */
  static async create(
    session: OnnxSession,
    tokenizer: ClipTokenizer,
    name: string,
    hash: string,
    output?: string,
  ): Promise<ClipTextEncoder> {
    const encoder = new ClipTextEncoder(
      session,
      tokenizer,
      clipTextSignature(session, name, output),
      name,
      `clip-onnx-text-${hash.slice(0, 16)}`,
    );
    const width = encoder.signature.output.shape[1];
    encoder.dim = typeof width === 'number' && width > 0 ? width : ((await encoder.encode(['a']))[0]?.length ?? 0);
    return encoder;
  }

  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { ids, mask, output, contextLength } = this.signature;
    const batch = this.tokenizer.encodeBatch(texts, { length: contextLength });
    const dims = [texts.length, contextLength];
    const feeds: Record<string, HostTensor> = { [ids.name]: idTensor(batch.ids, ids.type, dims) };
    if (mask) feeds[mask.name] = idTensor(batch.mask, mask.type, dims);
    return checkedRun(this.session, this.name, feeds, output.name);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/** CLIP's vision tower: normalises preprocessed images, runs, L2-normalises. */
export class ClipImageEncoder implements ImageEncoder {
  readonly modality = 'image';
  readonly id: string;
  dim = 0;

  private constructor(
    private readonly session: OnnxSession,
    private readonly signature: ClipVisionSignature,
    private readonly name: string,
    id: string,
  ) {
    this.id = id;
  }

  /** The image side the model takes (224 for CLIP ViT-B/32): preprocess images to it. */
  get imageSize(): number {
    return this.signature.size;
  }

  /** Wraps a session: checks its signature, learns its output width. */
  static async create(session: OnnxSession, name: string, hash: string, output?: string): Promise<ClipImageEncoder> {
    const signature = clipVisionSignature(session, name, output);
    const encoder = new ClipImageEncoder(session, signature, name, `clip-onnx-image-${hash.slice(0, 16)}`);
    const width = signature.output.shape[1];
    if (typeof width === 'number' && width > 0) encoder.dim = width;
    else {
      const size = signature.size;
      encoder.dim = (await encoder.encode([{ rgb: new Uint8Array(size * size * 3), size }]))[0]?.length ?? 0;
    }
    return encoder;
  }

  async encode(images: readonly PreprocessedImage[]): Promise<Float32Array[]> {
    if (images.length === 0) return [];
    const { pixels, output, size } = this.signature;
    const wrong = images.find((image) => image.size !== size);
    if (wrong)
      throw new Kg4recError('SHAPE_MISMATCH', `${this.name}: the model takes ${size}×${size} images, got ${wrong.size}×${wrong.size}`);
    const values = clipPixels(images);
    const dims = [images.length, 3, size, size];
    const data = pixels.type === 'float16' ? { type: 'float16', data: toFloat16(values), dims } : { type: 'float32', data: values, dims };
    return checkedRun(this.session, this.name, { [pixels.name]: data }, output.name);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/** Loads the text tower and tokenizer of a CLIP model folder. */
export async function loadClipText(dir: string, options: ClipModelOptions = {}): Promise<ClipTextEncoder> {
  const file = requireModelFile(dir, 'text', options.variant);
  const vocabulary = await readClipVocabulary(dir);
  const tokenizer = new ClipTokenizer(vocabulary);
  const hash = createHash('sha256')
    .update(await fileSha256(file))
    .update(vocabulary.merges.join('\n'))
    .digest('hex');
  const session = await createSession(file, file, await chooseProviders(options.providers));
  try {
    return await ClipTextEncoder.create(session, tokenizer, file, hash, options.output);
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** Loads the vision tower of a CLIP model folder. */
export async function loadClipImage(dir: string, options: ClipModelOptions = {}): Promise<ClipImageEncoder> {
  const file = requireModelFile(dir, 'vision', options.variant);
  const hash = await fileSha256(file);
  const session = await createSession(file, file, await chooseProviders(options.providers));
  try {
    return await ClipImageEncoder.create(session, file, hash, options.output);
  } catch (error) {
    await session.release();
    throw error;
  }
}
