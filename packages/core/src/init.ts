import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from './errors';
import type { Rng } from './random';

/** The initialisers kg4rec's models use; all draw from a seeded {@link Rng}. */
export type Initializer = 'xavierUniform' | 'xavierNormal' | 'normal' | 'uniform' | 'zeros';

/** Options of {@link initValues}. */
export interface InitOptions {
  /** Standard deviation of `normal`, half-width of `uniform`. Default 0.01. */
  scale?: number;
}

/**
 * Fills a new Float32Array of `shape`'s size. Xavier (Glorot) uses fan-in = `shape[0]` and
 * fan-out = `shape[1]` (or `shape[0]` for vectors): uniform on ±√(6 / (fanIn + fanOut)),
 * normal with σ = √(2 / (fanIn + fanOut)).
 */
export function initValues(shape: readonly number[], kind: Initializer, rng: Rng, options: InitOptions = {}): Float32Array {
  const size = shapeSize(shape);
  const values = new Float32Array(size);
  const fanIn = shape[0] ?? 1;
  const fanOut = shape[1] ?? fanIn;
  const scale = options.scale ?? 0.01;
  const draw = drawFunction(kind, rng, fanIn + fanOut, scale);
  for (let i = 0; i < size; i++) values[i] = draw();
  return values;
}

/** A new float32 tensor of `shape` initialised by {@link initValues}. */
export function initTensor(shape: readonly number[], kind: Initializer, rng: Rng, options: InitOptions = {}): tf.Tensor {
  return tf.tensor(initValues(shape, kind, rng, options), [...shape], 'float32');
}

function drawFunction(kind: Initializer, rng: Rng, fanSum: number, scale: number): () => number {
  switch (kind) {
    case 'xavierUniform': {
      const limit = Math.sqrt(6 / fanSum);
      return () => (2 * rng.float() - 1) * limit;
    }
    case 'xavierNormal': {
      const std = Math.sqrt(2 / fanSum);
      return () => rng.normal() * std;
    }
    case 'normal':
      return () => rng.normal() * scale;
    case 'uniform':
      return () => (2 * rng.float() - 1) * scale;
    case 'zeros':
      return () => 0;
    default:
      throw new Kg4recError('INVALID_ARGUMENT', `unknown initializer '${String(kind)}'`);
  }
}

function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new Kg4recError('INVALID_ARGUMENT', `shape [${shape.join(', ')}] must hold non-negative integers`);
    }
    size *= dim;
  }
  return size;
}
