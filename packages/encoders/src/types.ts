import type { PreprocessedImage } from './image/preprocess';

/** What an encoder reads. */
export type Modality = 'text' | 'image';

/** What every encoder says about itself. */
export interface EncoderInfo {
  /**
   * Stable identity of the features it produces: the encoder kind and a hash of its model
   * (weights, tokenizer, fitted statistics). Two encoders with one id give the same rows.
   */
  readonly id: string;
  /** Length of each output row. */
  readonly dim: number;
  readonly modality: Modality;
  /** Frees native resources (ONNX sessions); the encoder is unusable afterwards. */
  dispose(): Promise<void>;
}

/** Texts in, one `dim`-long L2-normalised row per text out. */
export interface TextEncoder extends EncoderInfo {
  readonly modality: 'text';
  encode(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Preprocessed images in ({@link PreprocessedImage}), one `dim`-long L2-normalised row per image out. */
export interface ImageEncoder extends EncoderInfo {
  readonly modality: 'image';
  encode(images: readonly PreprocessedImage[]): Promise<Float32Array[]>;
}

/** A text or an image encoder. */
export type Encoder = TextEncoder | ImageEncoder;
