/**
 * Relation-indexed matrix products, the hot path of TransR (docs/method.md §2: W_r e_h, W_r e_t for a
 * batch of triples) without gathering a [batch, d, k] copy of the projections. On `cpu` and `wasm`
 * they run fused host kernels; elsewhere they fall back to gather + batched matMul. Gradients are
 * registered for the kernels (see `gradients.ts`) and come from autodiff on the fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';
import { RELATION_MATMUL, RELATION_OUTER } from '../kernels/names';
import { hasFusedKernel } from '../kernels/register';

function expectRank(op: string, name: string, tensor: tf.Tensor, rank: number): void {
  if (tensor.rank !== rank)
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: ${name} must have rank ${rank}, got [${tensor.shape.join(', ')}]`);
}

function expectSameLength(op: string, name: string, tensor: tf.Tensor, relations: tf.Tensor1D): void {
  if (tensor.shape[0] !== relations.shape[0]) {
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: ${name} has ${tensor.shape[0]} rows but relations has ${relations.shape[0]}`);
  }
}

/**
 * `out[i] = x[i] · W[relations[i]]`: each row projected by its own relation's matrix.
 *
 * @param x rows [n, d] (with `transposeW`, [n, k]); differentiable.
 * @param projections W [R, d, k]; differentiable.
 * @param relations int32 [n], each in [0, R).
 * @param transposeW multiply by W_rᵀ instead ([n, k] → [n, d]).
 * @returns [n, k] (with `transposeW`, [n, d]).
 */
export function projectByRelation(x: tf.Tensor2D, projections: tf.Tensor3D, relations: tf.Tensor1D, transposeW = false): tf.Tensor2D {
  const op = 'projectByRelation';
  expectRank(op, 'x', x, 2);
  expectRank(op, 'projections', projections, 3);
  expectSameLength(op, 'x', x, relations);
  const width = projections.shape[transposeW ? 2 : 1];
  if (x.shape[1] !== width) {
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `${op}: x must have width ${width} for projections [${projections.shape.join(', ')}], got ${x.shape[1]}`,
    );
  }
  if (hasFusedKernel(RELATION_MATMUL)) {
    return tf.engine().runKernel(RELATION_MATMUL, { x, w: projections, relations }, { transposeW }) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const W = tf.gather(projections, relations) as tf.Tensor3D;
    return tf.squeeze(tf.matMul(tf.expandDims(x, 1), W, false, transposeW), [1]) as tf.Tensor2D;
  });
}

/**
 * `out[r] = Σ_{i: relations[i] = r} a[i]ᵀ b[i]`: per-relation sums of outer products (what the
 * gradient of {@link projectByRelation} with respect to W is made of).
 *
 * @param a [n, d]; @param b [n, k]; both differentiable. @returns [numRelations, d, k].
 */
export function relationOuter(a: tf.Tensor2D, b: tf.Tensor2D, relations: tf.Tensor1D, numRelations: number): tf.Tensor3D {
  const op = 'relationOuter';
  expectRank(op, 'a', a, 2);
  expectRank(op, 'b', b, 2);
  expectSameLength(op, 'a', a, relations);
  expectSameLength(op, 'b', b, relations);
  if (hasFusedKernel(RELATION_OUTER)) {
    return tf.engine().runKernel(RELATION_OUTER, { a, b, relations }, { numRelations }) as tf.Tensor3D;
  }
  return tf.tidy(() => tf.unsortedSegmentSum(tf.matMul(tf.expandDims(a, 2), tf.expandDims(b, 1)), relations, numRelations) as tf.Tensor3D);
}
