/**
 * Content that is not in a dataset (items added after training), encoded into the space of the
 * dataset's stored table: the encoder is fitted on the dataset's texts first, exactly as
 * {@link encodeDataset} fits it, so a new text lands where the same text in the dataset would.
 */
import type { Dataset } from '@kg4rec/kg';
import { preprocessImage } from '../image/preprocess';
import type { Encoder, ImageEncoder, TextEncoder } from '../types';
import { type ContentOptions, contentInputs } from './content';
import { fittedEncoder, imageSizeOf } from './encode';

/** Options of {@link encodeNewContent}. */
export interface NewContentOptions {
  /** The dataset whose stored table the rows must match (its texts fit the encoder). */
  dataset: Dataset;
  encoder: Encoder;
  /** Texts, or image file paths, for the encoder's modality. */
  inputs: readonly string[];
  /** As given to {@link encodeDataset} for the dataset's table. */
  content?: ContentOptions;
}

/** Rows of {@link encodeNewContent}. */
export interface NewContentRows {
  /** The fitted encoder's id: that of the dataset's table for the same encoder. */
  encoder: string;
  dim: number;
  /** One row per input, row-major `[inputs × dim]`. */
  values: Float32Array;
}

/** Encodes inputs that are not in `dataset` as its own content is encoded; an unreadable image is an error naming the file. */
export async function encodeNewContent(options: NewContentOptions): Promise<NewContentRows> {
  const { dataset, inputs } = options;
  const corpus = options.encoder.modality === 'text' ? contentInputs(dataset, 'text', options.content).inputs.map((i) => i.input) : [];
  const encoder = fittedEncoder(options.encoder, corpus);
  const rows =
    encoder.modality === 'text'
      ? await (encoder as TextEncoder).encode(inputs)
      : await (encoder as ImageEncoder).encode(
          await Promise.all(inputs.map((path) => preprocessImage(path, imageSizeOf(encoder as ImageEncoder)))),
        );
  const values = new Float32Array(inputs.length * encoder.dim);
  rows.forEach((row, k) => {
    values.set(row, k * encoder.dim);
  });
  return { encoder: encoder.id, dim: encoder.dim, values };
}
