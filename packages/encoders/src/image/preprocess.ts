/**
 * openai/CLIP's image preprocessing with sharp: EXIF orientation applied, shortest side resized
 * to 224 (bicubic; the long side truncated as torchvision does), centre crop 224×224 (offset
 * rounded half to even, as Python's `round`), RGB (alpha dropped, grey replicated). The pixels
 * come back as bytes; {@link clipPixels} normalises them into CLIP's NCHW input.
 */
import { existsSync } from 'node:fs';
import { Kg4recError } from '@kg4rec/core';
import sharp from 'sharp';

/** CLIP's input side. */
export const CLIP_IMAGE_SIZE = 224;
/** CLIP's per-channel mean (RGB, on 0–1 values). */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
/** CLIP's per-channel standard deviation (RGB, on 0–1 values). */
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

/** ImageNet's per-channel mean (RGB, on 0–1 values), as torchvision's pretrained models take it. */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
/** ImageNet's per-channel standard deviation (RGB, on 0–1 values). */
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/** An image file path, or its encoded bytes (JPEG, PNG, WebP, …: the format is sniffed). */
export type ImageSource = string | Uint8Array;

/** A preprocessed image: `size × size` RGB bytes, row-major, channels interleaved (HWC). */
export interface PreprocessedImage {
  rgb: Uint8Array;
  size: number;
}

/** Python's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** torchvision's `Resize(size)` target for a `width × height` image: shortest side to `size`. */
export function resizedSize(width: number, height: number, size = CLIP_IMAGE_SIZE): { width: number; height: number } {
  if (width <= height) return { width: size, height: Math.trunc((size * height) / width) };
  return { width: Math.trunc((size * width) / height), height: size };
}

/** Reads, orients, resizes, crops and converts one image to {@link PreprocessedImage}. */
export async function preprocessImage(source: ImageSource, size = CLIP_IMAGE_SIZE): Promise<PreprocessedImage> {
  const name = typeof source === 'string' ? source : '<image bytes>';
  if (typeof source === 'string' && !existsSync(source))
    throw new Kg4recError('IO_ERROR', `${source}: no such image file`, { details: { file: source } });
  try {
    const image = sharp(source, { failOn: 'truncated' });
    const meta = await image.metadata();
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    const target = resizedSize(width, height, size);
    const { data, info } = await image
      .rotate()
      .resize(target.width, target.height, { fit: 'fill', kernel: 'cubic' })
      .extract({
        left: roundHalfEven((target.width - size) / 2),
        top: roundHalfEven((target.height - size) / 2),
        width: size,
        height: size,
      })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { rgb: toRgb(data, info.channels, size), size };
  } catch (cause) {
    if (cause instanceof Kg4recError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new Kg4recError('PARSE_ERROR', `${name}: cannot read the image (${message})`, { cause, details: { file: name } });
  }
}

/** Interleaved 1–4 channel bytes to RGB: grey replicated, alpha dropped (as PIL's `convert('RGB')`). */
function toRgb(data: Uint8Array, channels: number, size: number): Uint8Array {
  if (channels === 3) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const pixels = size * size;
  const rgb = new Uint8Array(pixels * 3);
  const grey = channels <= 2;
  for (let p = 0; p < pixels; p++) {
    const at = p * channels;
    rgb[3 * p] = data[at] ?? 0;
    rgb[3 * p + 1] = data[grey ? at : at + 1] ?? 0;
    rgb[3 * p + 2] = data[grey ? at : at + 2] ?? 0;
  }
  return rgb;
}

/**
 * CLIP's model input for a batch: `[batch, 3, size, size]` float32, `(x/255 − mean) / std` per
 * channel with CLIP's mean and std, written into `out` when given.
 */
export function clipPixels(images: readonly PreprocessedImage[], out?: Float32Array): Float32Array {
  return normalizedPixels(images, CLIP_MEAN, CLIP_STD, out);
}

/**
 * A model input for a batch: `[batch, 3, size, size]` float32, `(x/255 − mean) / std` per
 * channel, written into `out` when given.
 */
export function normalizedPixels(
  images: readonly PreprocessedImage[],
  mean: readonly number[],
  std: readonly number[],
  out?: Float32Array,
): Float32Array {
  const size = images[0]?.size ?? CLIP_IMAGE_SIZE;
  const plane = size * size;
  const pixels = out ?? new Float32Array(images.length * 3 * plane);
  if (pixels.length < images.length * 3 * plane)
    throw new Kg4recError('INVALID_ARGUMENT', `normalizedPixels: output holds ${pixels.length} values, needs ${images.length * 3 * plane}`);
  const scale = std.map((s) => 1 / (255 * s));
  const shift = mean.map((m, c) => m / (std[c] as number));
  images.forEach((image, b) => {
    if (image.size !== size)
      throw new Kg4recError('SHAPE_MISMATCH', `normalizedPixels: images of sizes ${size} and ${image.size} in one batch`);
    for (let c = 0; c < 3; c++) {
      const base = (b * 3 + c) * plane;
      const k = scale[c] as number;
      const m = shift[c] as number;
      for (let p = 0; p < plane; p++) pixels[base + p] = (image.rgb[3 * p + c] as number) * k - m;
    }
  });
  return pixels;
}
