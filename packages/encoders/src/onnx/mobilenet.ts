/**
 * An ImageNet-pretrained image encoder that works offline: MobileNetV2 1.0, int8, as the ONNX
 * Model Zoo publishes it (`mobilenetv2-12-int8.onnx`). The features are its 1280-d global
 * average pool, which the published graph keeps only as a quantized tensor; the model is
 * rewritten in memory at load time to add a `DequantizeLinear` of that tensor as an extra output
 * (`pool-output.ts`). Images are preprocessed as torchvision's ImageNet models expect them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kg4recError } from '@kg4rec/core';
import { sharedRoot } from '@kg4rec/kg';
import { IMAGENET_MEAN, IMAGENET_STD, normalizedPixels, type PreprocessedImage } from '../image/preprocess';
import type { ImageEncoder } from '../types';
import { sha256Hex } from './hashes';
import { outputRows } from './output-rows';
import { POOLED_OUTPUT, type PooledTensor, withPooledOutput } from './pool-output';
import { chooseProviders, createSession, type OnnxSession } from './runtime';
import { describeSpec } from './tensors';

/** The published file, as its MANIFEST.md in the shared models folder describes it. */
export const MOBILENET_V2_INT8 = {
  folder: 'mobilenetv2-int8',
  file: 'mobilenetv2-12-int8.onnx',
  sha256: '83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f',
  input: 'input',
  logits: 'output',
  pooled: { tensor: '464_quantized', scale: '464_scale', zeroPoint: '464_zero_point' },
} as const;

/** Options of {@link loadMobilenet}. */
export interface MobilenetOptions {
  /** Execution providers, or `auto` (default). */
  providers?: 'auto' | readonly string[];
  /** The sha256 the file must have (default: the published file's); `false` accepts any file. */
  sha256?: string | false;
  /** The image input's name. Default `input`. */
  input?: string;
  /** The logits output's name. Default `output`. */
  logits?: string;
  /** The quantized pooled tensor and its scale and zero point. Default the published model's. */
  pooled?: PooledTensor;
}

/**
 * Where the MobileNet file is looked for when no path is given: `$KG4REC_MODELS/mobilenetv2-int8`
 * when set, else `models/mobilenetv2-int8` in the shared folder (`../shared` beside the
 * repository, or `$KG4REC_SHARED`).
 */
export function defaultMobilenetPath(from?: string): string {
  const models = process.env.KG4REC_MODELS;
  return join(models ? resolve(models) : join(sharedRoot(from), 'models'), MOBILENET_V2_INT8.folder);
}

/** The model file at `path`: the file itself, or the published file name inside a folder. */
export function mobilenetFile(path: string): string {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, MOBILENET_V2_INT8.file) : path;
  if (!existsSync(file)) {
    throw new Kg4recError(
      'IO_ERROR',
      `${file}: no MobileNetV2 model here; expected ${MOBILENET_V2_INT8.file} (the ONNX Model Zoo's mobilenetv2-12-int8), or set KG4REC_MODELS to the folder that holds ${MOBILENET_V2_INT8.folder}/`,
      { details: { file } },
    );
  }
  return file;
}

/** The ImageNet-pretrained MobileNetV2: pooled features as rows, and the ImageNet logits. */
export class MobilenetImageEncoder implements ImageEncoder {
  readonly modality = 'image';
  readonly id: string;
  /** The pooled feature width (1280 for the published model). */
  dim = 0;

  private constructor(
    private readonly session: OnnxSession,
    private readonly name: string,
    private readonly input: string,
    private readonly logits: string,
    /** The image side the model takes. */
    readonly imageSize: number,
    hash: string,
  ) {
    this.id = `mobilenet-v2-pooled-${hash.slice(0, 16)}`;
  }

  /** Wraps a session whose graph has {@link POOLED_OUTPUT}; learns the feature width from one run. */
  static async create(session: OnnxSession, name: string, hash: string, input: string, logits: string): Promise<MobilenetImageEncoder> {
    const pixels = session.inputs.find((s) => s.name === input);
    const side = pixels?.shape[2];
    if (pixels?.shape.length !== 4 || pixels.type !== 'float32' || session.inputs.length !== 1) {
      const inputs = session.inputs.map((s) => `'${s.name}' ${describeSpec(s)}`).join(', ');
      throw new Kg4recError(
        'INVALID_ARGUMENT',
        `${name}: expected one input '${input}' float32 [batch, 3, 224, 224]; the model has ${inputs}`,
        {
          details: { file: name },
        },
      );
    }
    const size = typeof side === 'number' && side > 0 ? side : 224;
    const encoder = new MobilenetImageEncoder(session, name, input, logits, size, hash);
    encoder.dim = (await encoder.run([{ rgb: new Uint8Array(size * size * 3), size }], POOLED_OUTPUT, true))[0]?.length ?? 0;
    return encoder;
  }

  /** L2-normalised pooled features, one row per image. */
  encode(images: readonly PreprocessedImage[]): Promise<Float32Array[]> {
    return this.run(images, POOLED_OUTPUT, true);
  }

  /** The ImageNet logits (1000 per image, unnormalised). */
  classify(images: readonly PreprocessedImage[]): Promise<Float32Array[]> {
    return this.run(images, this.logits, false);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }

  private async run(images: readonly PreprocessedImage[], output: string, normalise: boolean): Promise<Float32Array[]> {
    if (images.length === 0) return [];
    const wrong = images.find((image) => image.size !== this.imageSize);
    if (wrong) {
      throw new Kg4recError(
        'SHAPE_MISMATCH',
        `${this.name}: the model takes ${this.imageSize}×${this.imageSize} images, got ${wrong.size}×${wrong.size}`,
      );
    }
    const data = normalizedPixels(images, IMAGENET_MEAN, IMAGENET_STD);
    const results = await this.session.run({
      [this.input]: { type: 'float32', data, dims: [images.length, 3, this.imageSize, this.imageSize] },
    });
    return outputRows(results[output], this.name, output, normalise);
  }
}

/**
 * Loads MobileNetV2 from a model file or a folder holding the published one (default
 * {@link defaultMobilenetPath}): checks its sha256 (unless `sha256: false`) and its input and
 * output names, and exposes the pooled features.
 */
export async function loadMobilenet(path: string = defaultMobilenetPath(), options: MobilenetOptions = {}): Promise<MobilenetImageEncoder> {
  const file = mobilenetFile(path);
  const bytes = readFileSync(file);
  const hash = sha256Hex(bytes);
  const expected = options.sha256 ?? MOBILENET_V2_INT8.sha256;
  if (expected !== false && hash !== expected) {
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `${file}: sha256 ${hash} differs from the expected ${expected} (${MOBILENET_V2_INT8.file}, ${bytes.length} bytes here); the file is another model or damaged`,
      { details: { file } },
    );
  }
  const input = options.input ?? MOBILENET_V2_INT8.input;
  const logits = options.logits ?? MOBILENET_V2_INT8.logits;
  const model = withPooledOutput(bytes, file, { input, logits, pooled: options.pooled ?? MOBILENET_V2_INT8.pooled });
  const session = await createSession(model, file, await chooseProviders(options.providers));
  try {
    return await MobilenetImageEncoder.create(session, file, hash, input, logits);
  } catch (error) {
    await session.release();
    throw error;
  }
}
