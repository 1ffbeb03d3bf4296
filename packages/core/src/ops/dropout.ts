/**
 * Inverted dropout with a counter-based mask: `out = x ⊙ m / (1 − rate)`, m[i] ∈ {0, 1} drawn
 * from a hash of (seed, i). On `cpu` and `wasm` a fused kernel makes the mask on the fly (no
 * random tensor, no comparison, no select: 4–5 tfjs kernels fewer per layer), and its gradient
 * is the same kernel on dy with the same seed. Elsewhere it is `tf.dropout` with that seed (a
 * different mask, the same distribution).
 */
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';
import { DROPOUT } from '../kernels/names';
import { hasFusedKernel } from '../kernels/register';

/** `x` with each entry zeroed with probability `rate` and the rest scaled by 1 / (1 − rate); `seed` fixes the mask. */
export function dropout<T extends tf.Tensor>(x: T, rate: number, seed: number): T {
  if (!(rate >= 0 && rate < 1)) throw new Kg4recError('INVALID_ARGUMENT', `dropout: rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return tf.clone(x);
  if (hasFusedKernel(DROPOUT)) {
    return tf.engine().runKernel(DROPOUT, { x }, { rate, seed: seed >>> 0 }) as T;
  }
  return tf.dropout(x, rate, undefined, seed) as T;
}
