/**
 * The weight-free image fallback, from CLIP's own preprocessing (the 224×224 RGB crop): a 4×4×4
 * RGB colour histogram (64 values, square-rooted), an 8×8 thumbnail (192 values, centred) and
 * 16-bin gradient-orientation histograms on a 4×4 grid of cells (256 values): 512 values, each
 * part L2-normalised, the whole L2-normalised. Deterministic; a fallback, not CLIP: it sees
 * colour, layout and edges, not content.
 */
import { Kg4recError } from '@kg4rec/core';
import type { PreprocessedImage } from '../image/preprocess';
import type { ImageEncoder } from '../types';
import { l2Normalize } from '../vectors';

const COLOUR_LEVELS = 4;
const THUMBNAIL = 8;
const CELLS = 4;
const ORIENTATIONS = 16;
const PART_SIZES = [COLOUR_LEVELS ** 3, THUMBNAIL * THUMBNAIL * 3, CELLS * CELLS * ORIENTATIONS] as const;

/** Colour, thumbnail and edge features of preprocessed images. */
export class HashImageEncoder implements ImageEncoder {
  readonly modality = 'image';
  readonly dim = PART_SIZES[0] + PART_SIZES[1] + PART_SIZES[2];
  readonly id = `hash-image-v1-d${this.dim}`;

  async encode(images: readonly PreprocessedImage[]): Promise<Float32Array[]> {
    return images.map((image) => fallbackImageFeatures(image));
  }

  async dispose(): Promise<void> {}
}

/** The 512 fallback features of one image. */
export function fallbackImageFeatures(image: PreprocessedImage): Float32Array {
  if (image.size % (THUMBNAIL * CELLS) !== 0 && image.size % THUMBNAIL !== 0) {
    throw new Kg4recError('INVALID_ARGUMENT', `hash image encoder: image side ${image.size} must be a multiple of ${THUMBNAIL}`);
  }
  const parts = [colourHistogram(image), thumbnail(image), orientationHistograms(image)].map(l2Normalize);
  const row = new Float32Array(PART_SIZES[0] + PART_SIZES[1] + PART_SIZES[2]);
  let at = 0;
  for (const part of parts) {
    row.set(part, at);
    at += part.length;
  }
  return l2Normalize(row);
}

function colourHistogram({ rgb }: PreprocessedImage): Float32Array {
  const histogram = new Float32Array(COLOUR_LEVELS ** 3);
  const shift = 8 - Math.log2(COLOUR_LEVELS);
  for (let p = 0; p < rgb.length; p += 3) {
    const r = (rgb[p] as number) >> shift;
    const g = (rgb[p + 1] as number) >> shift;
    const b = (rgb[p + 2] as number) >> shift;
    const bin = (r * COLOUR_LEVELS + g) * COLOUR_LEVELS + b;
    histogram[bin] = (histogram[bin] as number) + 1;
  }
  return histogram.map((count) => Math.sqrt(count));
}

function thumbnail({ rgb, size }: PreprocessedImage): Float32Array {
  const cell = Math.floor(size / THUMBNAIL);
  const out = new Float32Array(THUMBNAIL * THUMBNAIL * 3);
  for (let y = 0; y < THUMBNAIL * cell; y++) {
    const ty = Math.floor(y / cell);
    for (let x = 0; x < THUMBNAIL * cell; x++) {
      const base = 3 * (ty * THUMBNAIL + Math.floor(x / cell));
      const p = 3 * (y * size + x);
      for (let c = 0; c < 3; c++) out[base + c] = (out[base + c] as number) + (rgb[p + c] as number);
    }
  }
  const scale = 1 / (255 * cell * cell);
  return out.map((sum) => sum * scale - 0.5);
}

function orientationHistograms({ rgb, size }: PreprocessedImage): Float32Array {
  const grey = new Float32Array(size * size);
  for (let p = 0; p < grey.length; p++)
    grey[p] = 0.299 * (rgb[3 * p] as number) + 0.587 * (rgb[3 * p + 1] as number) + 0.114 * (rgb[3 * p + 2] as number);
  const cell = Math.floor(size / CELLS);
  const out = new Float32Array(CELLS * CELLS * ORIENTATIONS);
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const gx = (grey[y * size + x + 1] as number) - (grey[y * size + x - 1] as number);
      const gy = (grey[(y + 1) * size + x] as number) - (grey[(y - 1) * size + x] as number);
      const magnitude = Math.sqrt(gx * gx + gy * gy);
      if (magnitude === 0) continue;
      const angle = Math.atan2(gy, gx);
      const unsigned = angle < 0 ? angle + Math.PI : angle;
      const bin = Math.min(ORIENTATIONS - 1, Math.floor((unsigned / Math.PI) * ORIENTATIONS));
      const cy = Math.min(CELLS - 1, Math.floor(y / cell));
      const cx = Math.min(CELLS - 1, Math.floor(x / cell));
      const at = (cy * CELLS + cx) * ORIENTATIONS + bin;
      out[at] = (out[at] as number) + magnitude;
    }
  }
  for (let c = 0; c < CELLS * CELLS; c++) l2Normalize(out.subarray(c * ORIENTATIONS, (c + 1) * ORIENTATIONS));
  return out;
}
