/**
 * Tiny models with CLIP's ONNX signatures, built in TypeScript, for tests and benchmarks where
 * no CLIP weights exist. Each comes with a plain-JS reference of what it computes, so tests can
 * check values, not only shapes.
 *
 * - text: `input_ids` → embedding lookup (a `[49408, hidden]` table) → sum over positions
 *   (masked by `attention_mask` where the model has one) → `[hidden, dim]` projection →
 *   `text_embeds`.
 * - vision: `pixel_values` → 32×32 stride-32 patch convolution (ViT-B/32's patchify) → flatten →
 *   projection → `image_embeds`; optionally float16 in and out.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Rng } from '@kg4rec/core';
import { GraphBuilder } from './onnx-graph';

const VOCAB = 49_408;
const PATCH = 32;

/** Options of {@link tinyClipTextModel}. */
export interface TinyTextOptions {
  idType?: 'int32' | 'int64';
  attentionMask?: boolean;
  /** Fixed sequence length, or `dynamic`. Default 77. */
  contextLength?: number | 'dynamic';
  dim?: number;
  hidden?: number;
  seed?: number;
  /** Input and output names, to build models with the wrong signature. */
  names?: { ids?: string; mask?: string; output?: string };
}

/** A tiny model's bytes and its reference computation (unnormalised rows). */
export interface TinyTextModel {
  bytes: Uint8Array;
  reference(ids: Int32Array, mask: Int32Array | undefined, length: number): Float32Array[];
}

const randoms = (rng: Rng, n: number, scale: number) => Float32Array.from({ length: n }, () => (rng.float() * 2 - 1) * scale);

/** A CLIP-signature text model: `input_ids` (+ `attention_mask`) → `text_embeds [batch, dim]`. */
export function tinyClipTextModel(options: TinyTextOptions = {}): TinyTextModel {
  const { idType = 'int64', attentionMask = true, contextLength = 77, dim = 512, hidden = 4, seed = 1 } = options;
  const names = { ids: 'input_ids', mask: 'attention_mask', output: 'text_embeds', ...options.names };
  const rng = new Rng(seed);
  const table = randoms(rng, VOCAB * hidden, 1);
  const projection = randoms(rng, hidden * dim, 1 / Math.sqrt(hidden));
  const sequence = contextLength === 'dynamic' ? 'sequence' : contextLength;
  const graph = new GraphBuilder()
    .input(names.ids, idType, ['batch', sequence])
    .output(names.output, 'float32', ['batch', dim])
    .floats('table', [VOCAB, hidden], table)
    .floats('projection', [hidden, dim], projection)
    .int64s('position_axis', [1])
    .int64s('last_axis', [2])
    .node('Gather', ['table', names.ids], ['tokens'], { axis: 0 });
  if (attentionMask) {
    graph
      .input(names.mask, idType, ['batch', sequence])
      .node('Cast', [names.mask], ['mask_float'], { to: 1 })
      .node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_3d'])
      .node('Mul', ['tokens', 'mask_3d'], ['kept']);
  }
  graph
    .node('ReduceSum', [attentionMask ? 'kept' : 'tokens', 'position_axis'], ['pooled'], { keepdims: 0 })
    .node('MatMul', ['pooled', 'projection'], [names.output]);
  return {
    bytes: graph.encode('tiny-clip-text'),
    reference: (ids, mask, length) =>
      Array.from({ length: ids.length / length }, (_, b) => {
        const pooled = new Float32Array(hidden);
        for (let t = 0; t < length; t++) {
          if (attentionMask && mask && mask[b * length + t] === 0) continue;
          const id = ids[b * length + t] as number;
          for (let h = 0; h < hidden; h++) pooled[h] = (pooled[h] as number) + (table[id * hidden + h] as number);
        }
        return project(pooled, projection, dim);
      }),
  };
}

/** Options of {@link tinyClipVisionModel}. */
export interface TinyVisionOptions {
  pixelType?: 'float32' | 'float16';
  size?: number;
  dim?: number;
  /** Patch-embedding channels. Default 2. */
  channels?: number;
  seed?: number;
}

/** A tiny vision model's bytes and its reference computation on normalised NCHW pixels. */
export interface TinyVisionModel {
  bytes: Uint8Array;
  reference(pixels: Float32Array, batch: number): Float32Array[];
}

/** A CLIP-signature vision model: `pixel_values [batch, 3, size, size]` → `image_embeds [batch, dim]`. */
export function tinyClipVisionModel(options: TinyVisionOptions = {}): TinyVisionModel {
  const { pixelType = 'float32', size = 224, dim = 512, channels = 2, seed = 2 } = options;
  const grid = Math.floor(size / PATCH);
  const rng = new Rng(seed);
  const kernel = randoms(rng, channels * 3 * PATCH * PATCH, 1 / PATCH);
  const projection = randoms(rng, channels * grid * grid * dim, 1 / Math.sqrt(channels * grid * grid));
  const half = pixelType === 'float16';
  const graph = new GraphBuilder()
    .input('pixel_values', pixelType, ['batch', 3, size, size])
    .output('image_embeds', pixelType, ['batch', dim])
    .floats('kernel', [channels, 3, PATCH, PATCH], kernel)
    .floats('projection', [channels * grid * grid, dim], projection);
  if (half) graph.node('Cast', ['pixel_values'], ['pixels'], { to: 1 });
  graph
    .node('Conv', [half ? 'pixels' : 'pixel_values', 'kernel'], ['patches'], { kernel_shape: [PATCH, PATCH], strides: [PATCH, PATCH] })
    .node('Flatten', ['patches'], ['flat'], { axis: 1 })
    .node('MatMul', ['flat', 'projection'], [half ? 'embeds' : 'image_embeds']);
  if (half) graph.node('Cast', ['embeds'], ['image_embeds'], { to: 10 });
  return {
    bytes: graph.encode('tiny-clip-vision'),
    reference: (pixels, batch) =>
      Array.from({ length: batch }, (_, b) => {
        const flat = new Float32Array(channels * grid * grid);
        for (let k = 0; k < channels; k++)
          for (let gy = 0; gy < grid; gy++)
            for (let gx = 0; gx < grid; gx++) {
              let sum = 0;
              for (let c = 0; c < 3; c++)
                for (let y = 0; y < PATCH; y++)
                  for (let x = 0; x < PATCH; x++) {
                    const pixel = pixels[((b * 3 + c) * size + gy * PATCH + y) * size + gx * PATCH + x] as number;
                    sum += pixel * (kernel[((k * 3 + c) * PATCH + y) * PATCH + x] as number);
                  }
              flat[(k * grid + gy) * grid + gx] = sum;
            }
        return project(flat, projection, dim);
      }),
  };
}

function project(vector: Float32Array, matrix: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(dim);
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i] as number;
    for (let j = 0; j < dim; j++) out[j] = (out[j] as number) + v * (matrix[i * dim + j] as number);
  }
  return out;
}

/**
 * Writes a model folder laid out as published CLIP exports are (`onnx/text_model.onnx`,
 * `onnx/vision_model.onnx`, tokenizer file beside them) from tiny models, so that the real
 * loading path can run without CLIP weights.
 */
export function writeTinyClipFolder(
  dir: string,
  tokenizerFile: string,
  text: TinyTextOptions = {},
  vision: TinyVisionOptions = {},
): { text: TinyTextModel; vision: TinyVisionModel } {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const models = { text: tinyClipTextModel(text), vision: tinyClipVisionModel(vision) };
  writeFileSync(join(dir, 'onnx', 'text_model.onnx'), models.text.bytes);
  writeFileSync(join(dir, 'onnx', 'vision_model.onnx'), models.vision.bytes);
  copyFileSync(tokenizerFile, join(dir, basename(tokenizerFile)));
  return models;
}
