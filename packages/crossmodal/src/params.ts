/** The trainable weights of one modality's side of one Bi-Transformer block. */
import { initTensor, type Rng } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** One side (visual or text) of one block. */
export interface SideParams {
  /** Query, key, value and output projections, `[d, d]` (heads are column groups). */
  wq: tf.Variable;
  wk: tf.Variable;
  wv: tf.Variable;
  wo: tf.Variable;
  ln1Gamma: tf.Variable;
  ln1Beta: tf.Variable;
  /** Feed-forward `[d, f]`, `[f]`, `[f, d]`, `[d]`. */
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
  ln2Gamma: tf.Variable;
  ln2Beta: tf.Variable;
}

/** The order sides' variables are listed and saved in. */
export const SIDE_PARAM_NAMES = ['wq', 'wk', 'wv', 'wo', 'ln1Gamma', 'ln1Beta', 'w1', 'b1', 'w2', 'b2', 'ln2Gamma', 'ln2Beta'] as const;

/** Xavier-uniform matrices, zero biases, unit LayerNorm gains. (`tidy` frees each initial tensor.) */
export function createSide(dim: number, ffnDim: number, rng: Rng, name: string): SideParams {
  const matrix = (rows: number, cols: number, part: string) =>
    tf.tidy(() => tf.variable(initTensor([rows, cols], 'xavierUniform', rng), true, `${name}.${part}`));
  const vector = (size: number, value: number, part: string) => tf.tidy(() => tf.variable(tf.fill([size], value), true, `${name}.${part}`));
  return {
    wq: matrix(dim, dim, 'wq'),
    wk: matrix(dim, dim, 'wk'),
    wv: matrix(dim, dim, 'wv'),
    wo: matrix(dim, dim, 'wo'),
    ln1Gamma: vector(dim, 1, 'ln1Gamma'),
    ln1Beta: vector(dim, 0, 'ln1Beta'),
    w1: matrix(dim, ffnDim, 'w1'),
    b1: vector(ffnDim, 0, 'b1'),
    w2: matrix(ffnDim, dim, 'w2'),
    b2: vector(dim, 0, 'b2'),
    ln2Gamma: vector(dim, 1, 'ln2Gamma'),
    ln2Beta: vector(dim, 0, 'ln2Beta'),
  };
}

/** A side's variables in {@link SIDE_PARAM_NAMES} order. */
export function sideVariables(side: SideParams): tf.Variable[] {
  return SIDE_PARAM_NAMES.map((name) => side[name]);
}
