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
 * Fills a new Float32Array of `shape`'s size. Xavier (Glorot): uniform on ±√(6 / (fanIn + fanOut)),
 * normal with σ = √(2 / (fanIn + fanOut)), with PyTorch's fans: for a matrix, its two sizes; for
 * rank ≥ 3, fanIn = shape[1] · r and fanOut = shape[0] · r with r = shape[2] · shape[3] · …
 * (so a stack of TransR's W_r, [R, d, k], is initialised as KGAT's PyTorch code does); for a
 * vector, its size twice.
 */
export function initValues(shape: readonly number[], kind: Initializer, rng: Rng, options: InitOptions = {}): Float32Array {
  const size = shapeSize(shape);
  const values = new Float32Array(size);
  const scale = options.scale ?? 0.01;
  const draw = drawFunction(kind, rng, fanSum(shape), scale);
  for (let i = 0; i < size; i++) values[i] = draw();
  return values;
}

function fanSum(shape: readonly number[]): number {
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  const fanOut = (shape[0] ?? 1) * receptive;
  const fanIn = (shape[1] ?? shape[0] ?? 1) * receptive;
  return fanIn + fanOut;
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
