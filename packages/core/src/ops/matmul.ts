/**
 * `x · W` for the dense layers of graph models, with a gradient that transposes explicitly:
 * ∂x = dy · transpose(W), ∂W = transpose(x) · dy. TensorFlow.js's own gradient calls matMul with
 * `transposeA` / `transposeB`, which on `wasm` runs 3–4× slower than a plain matMul of transposed
 * copies (measured on [12765, 64] · [64, 64]: 12.6 ms plain, 50.5 ms with transposeB, 38.5 ms
 * with transposeA); that was a third of a KGAT training step.
 *
 * Transposes are not free either (tfjs-wasm's moves about 100 M floats/s), so ∂W transposes the
 * smaller of x [n, a] and dy [n, b]: when a > b it is computed as transpose(transpose(dy) · x).
 */
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

/** transpose(x) · dy, transposing whichever of x [n, a] and dy [n, b] is narrower. */
function transposedTimes(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  if (x.shape[1] > dy.shape[1]) return tf.transpose(tf.matMul(tf.transpose(dy), x)) as tf.Tensor2D;
  return tf.matMul(tf.transpose(x), dy);
}

const product = tf.customGrad((x, w, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor2D, w as tf.Tensor2D]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy, saved) => {
      const [savedX, savedW] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(savedW)), transposedTimes(savedX, dy as tf.Tensor2D)];
    },
  };
});

function expectChain(op: string, x: tf.Tensor, w: tf.Tensor): void {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) {
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: cannot multiply [${x.shape.join(', ')}] by [${w.shape.join(', ')}]`);
  }
}

/** `x [n, a] · w [a, b]` → [n, b], differentiable in both (see the file comment for why it exists). */
export function matMulRows(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  expectChain('matMulRows', x, w);
  return product(x, w) as tf.Tensor2D;
}

/**
 * A constant matrix (input features, say) to be multiplied by trainable weights every step: its
 * transpose is computed once, so the weight gradient transpose(x) · dy needs no per-step
 * transpose, and no gradient with respect to x is computed at all.
 */
export class FixedRows {
  readonly x: tf.Tensor2D;
  private readonly transposed: tf.Tensor2D;

  /** Takes ownership of `x`. */
  constructor(x: tf.Tensor2D) {
    if (x.rank !== 2) throw new Kg4recError('SHAPE_MISMATCH', `FixedRows: expected a matrix, got shape [${x.shape.join(', ')}]`);
    this.x = x;
    this.transposed = tf.tidy(() => tf.transpose(x));
  }

  /** `x · w` → [n, b], differentiable in `w` only. */
  times(w: tf.Tensor2D): tf.Tensor2D {
    expectChain('FixedRows.times', this.x, w);
    const op = tf.customGrad((weight, save) => {
      (save as tf.GradSaveFunc)([]);
      return {
        value: tf.matMul(this.x, weight as tf.Tensor2D),
        gradFunc: (dy) => [tf.matMul(this.transposed, dy as tf.Tensor2D)],
      };
    });
    return op(w) as tf.Tensor2D;
  }

  /**
   * `x[rows] · w` → [rows, b], differentiable in `w` only: for a step that reads a few rows, the
   * product and its gradient cost those rows, not all of x (∂W = x[rows]ᵀ · dy, as `matMulRows`' gradient).
   */
  rowsTimes(rows: tf.Tensor1D, w: tf.Tensor2D): tf.Tensor2D {
    expectChain('FixedRows.rowsTimes', this.x, w);
    const picked = tf.gather(this.x, rows) as tf.Tensor2D;
    const op = tf.customGrad((weight, save) => {
      // Saved (kept for the backward pass), not captured: the forward scope disposes `picked`.
      (save as tf.GradSaveFunc)([picked]);
      return {
        value: tf.matMul(picked, weight as tf.Tensor2D),
        gradFunc: (dy, saved) => [transposedTimes(saved[0] as tf.Tensor2D, dy as tf.Tensor2D)],
      };
    });
    return op(w) as tf.Tensor2D;
  }

  dispose(): void {
    tf.dispose([this.x, this.transposed]);
  }
}
