/**
 * Registries of text and image encoders by name, so configs and the command line can pick one:
 * `clip` (a CLIP ONNX model folder) and `hash` (the weight-free fallback). Add your own with
 * `textEncoders.register({ name, create, defaults })`.
 */
import { createRegistry, Kg4recError, type Registry } from '@kg4rec/core';
import { HashImageEncoder } from './hash/image';
import { HashTextEncoder } from './hash/text';
import { loadClipImage, loadClipText } from './onnx/clip';
import type { Encoder, ImageEncoder, Modality, TextEncoder } from './types';

/** Options an encoder is created with (each encoder reads the ones it needs). */
export interface EncoderOptions {
  /** A model folder (CLIP: the ONNX files and tokenizer files). */
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
  name: 'hash',
  description: 'weight-free fallback: colour histogram, thumbnail and edge-orientation histograms (not CLIP)',
  create: async () => new HashImageEncoder(),
  defaults: {},
});

/** Creates the encoder `name` of a modality from its registry (`textEncoders` or `imageEncoders`). */
export function createEncoder(modality: Modality, name: string, options: EncoderOptions = {}): Promise<Encoder> {
  return modality === 'text' ? textEncoders.create(name, options) : imageEncoders.create(name, options);
}
