/**
 * The pieces of a Transformer block as plain functions of tensors: multi-head attention with a key
 * mask, layer normalisation, a ReLU feed-forward network.
 */
import { matMulRows } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** A masked logit: large enough that softmax gives exactly 0 in float32. */
const MASKED = -1e9;

/** `x` `[B, N, d]` → `[B, H, N, d/H]`. */
function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor4D {
  const [batch, length, dim] = x.shape;
  return tf.transpose(tf.reshape(x, [batch, length, heads, dim / heads]), [0, 2, 1, 3]);
}

/** `x` `[B, H, N, d/H]` → `[B, N, d]`. */
function joinHeads(x: tf.Tensor4D): tf.Tensor3D {
  const [batch, heads, length, headDim] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [batch, length, heads * headDim]);
}

/**
 * `x` `[B, N, a]` times `w` `[a, b]` → `[B, N, b]`, through core's `matMulRows` (its gradient
 * multiplies explicit transposes: on wasm, 3–4× faster than matMul's `transposeA/B`).
 */
export function project(x: tf.Tensor3D, w: tf.Tensor2D): tf.Tensor3D {
  const [batch, length, inner] = x.shape;
  return tf.reshape(matMulRows(tf.reshape(x, [batch * length, inner]), w), [batch, length, w.shape[1]]);
}

/**
 * Scaled dot-product attention over `heads` heads: queries `[B, N, d]` (already projected), keys
 * and values `[B, M, d]` (projected), `keyMask` `[B, M]` (1 = attend, 0 = padding). Returns the
 * joined heads `[B, N, d]` (before the output projection) and the weights `[B, H, N, M]`.
 */
export function multiHeadAttention(queries: tf.Tensor3D, keys: tf.Tensor3D, values: tf.Tensor3D, keyMask: tf.Tensor2D, heads: number) {
  const [batch, , dim] = queries.shape;
  const headDim = dim / heads;
  const q = splitHeads(queries, heads);
  const k = splitHeads(keys, heads);
  const v = splitHeads(values, heads);
  const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(headDim));
  const bias = tf.reshape(tf.mul(tf.sub(1, keyMask), MASKED), [batch, 1, 1, keyMask.shape[1]]);
  const weights = tf.softmax(tf.add(scores, bias)) as tf.Tensor4D;
  return { output: joinHeads(tf.matMul(weights, v)), weights };
}

/** Layer normalisation over the last axis: `(x − mean) / √(var + ε) · γ + β`. */
export function layerNorm(x: tf.Tensor3D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon))), gamma), beta);
}

/** `max(0, x W₁ + b₁) W₂ + b₂`. */
export function feedForward(x: tf.Tensor3D, w1: tf.Tensor2D, b1: tf.Tensor1D, w2: tf.Tensor2D, b2: tf.Tensor1D): tf.Tensor3D {
  return tf.add(project(tf.relu(tf.add(project(x, w1), b1)) as tf.Tensor3D, w2), b2);
}
