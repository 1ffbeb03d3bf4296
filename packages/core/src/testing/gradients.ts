import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';

/** One input of a {@link GradientCheck}. */
export interface CheckedInput {
  values: ArrayLike<number>;
  shape: number[];
  /** Default float32. int32 inputs (indices) are never differentiated. */
  dtype?: 'float32' | 'int32';
}

/** An op and its float64 reference, to compare gradients against finite differences. */
export interface GradientCheck {
  /** The op under test, on tensors built from `inputs` in order. */
  op: (...inputs: tf.Tensor[]) => tf.Tensor;
  /** The same function in float64 on the inputs' values, returning the output's values. */
  reference: (...inputs: Float64Array[]) => Float64Array;
  inputs: CheckedInput[];
  /** Seeds the random projection that turns the output into a scalar. Default 1. */
  seed?: number;
  /** Central-difference step. Default 1e-4. */
  step?: number;
}

/** The outcome of {@link checkGradients}. */
export interface GradientReport {
  /** Largest |analytic − numeric| / max(1, |numeric|) over all differentiable inputs. */
  maxError: number;
  /** Largest |op − reference| / max(1, |reference|) on the forward pass. */
  maxForwardError: number;
}

/**
 * Checks an op on the current backend: its forward output against the reference, and its gradient
 * (from TensorFlow.js autodiff, through any registered kernel gradient) against central finite
 * differences of the reference in float64. The scalar differentiated is Σ w ⊙ op(inputs) for a
 * fixed random w. Reads results synchronously: for `cpu`, `wasm` and `tensorflow`; use
 * {@link checkGradientsAsync} on `webgpu`. Leaves no tensors behind.
 */
export function checkGradients(check: GradientCheck): GradientReport {
  const plan = planCheck(check);
  tf.engine().startScope();
  try {
    const { forward, analytic } = analyticGradients(check, plan);
    return plan.report(
      Float64Array.from(forward.dataSync()),
      analytic.map((g) => Float64Array.from(g.dataSync())),
    );
  } finally {
    tf.engine().endScope();
  }
}

/** {@link checkGradients} reading its results asynchronously, as a GPU backend requires. */
export async function checkGradientsAsync(check: GradientCheck): Promise<GradientReport> {
  const plan = planCheck(check);
  tf.engine().startScope();
  try {
    const { forward, analytic } = analyticGradients(check, plan);
    const read = async (t: tf.Tensor) => Float64Array.from(await t.data());
    return plan.report(await read(forward), await Promise.all(analytic.map(read)));
  } finally {
    tf.engine().endScope();
  }
}

/** What a check needs besides the op's own outputs: the projection, the numeric gradients, the comparison. */
interface CheckPlan {
  weights: Float64Array;
  differentiable: number[];
  report(forward: Float64Array, analytic: Float64Array[]): GradientReport;
}

function planCheck(check: GradientCheck): CheckPlan {
  const inputs64 = check.inputs.map((input) => Float64Array.from(input.values));
  const expected = check.reference(...inputs64);
  const weights = projection(expected.length, check.seed ?? 1);
  const projected = (values: Float64Array) => values.reduce((sum, v, i) => sum + v * (weights[i] as number), 0);
  const differentiable = check.inputs.flatMap((input, i) => ((input.dtype ?? 'float32') === 'float32' ? [i] : []));
  const numeric = differentiable.map((i) => finiteDifference(check, inputs64, i, projected));
  return {
    weights,
    differentiable,
    report: (forward, analytic) => ({
      maxError: Math.max(0, ...analytic.map((grad, k) => maxRelativeError(grad, numeric[k] as Float64Array))),
      maxForwardError: maxRelativeError(forward, expected),
    }),
  };
}

function analyticGradients(check: GradientCheck, { weights, differentiable }: CheckPlan): { forward: tf.Tensor; analytic: tf.Tensor[] } {
  const tensors = check.inputs.map((input) => tf.tensor(Array.from(input.values), input.shape, input.dtype ?? 'float32'));
  const w = tf.tensor(Array.from(weights));
  const forward = check.op(...tensors);
  const lossOf = (...free: tf.Tensor[]) => {
    const all = tensors.map((t, i) => {
      const position = differentiable.indexOf(i);
      return position >= 0 ? (free[position] as tf.Tensor) : t;
    });
    return tf.sum(tf.mul(tf.reshape(check.op(...all), [-1]), w)) as tf.Scalar;
  };
  return { forward, analytic: tf.grads(lossOf)(differentiable.map((i) => tensors[i] as tf.Tensor)) };
}

function finiteDifference(
  check: GradientCheck,
  inputs: Float64Array[],
  which: number,
  projected: (values: Float64Array) => number,
): Float64Array {
  const step = check.step ?? 1e-4;
  const values = inputs[which] as Float64Array;
  const gradient = new Float64Array(values.length);
  for (let j = 0; j < values.length; j++) {
    const held = values[j] as number;
    values[j] = held + step;
    const up = projected(check.reference(...inputs));
    values[j] = held - step;
    const down = projected(check.reference(...inputs));
    values[j] = held;
    gradient[j] = (up - down) / (2 * step);
  }
  return gradient;
}

function projection(size: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: size }, () => rng.float() * 2 - 1);
}

function maxRelativeError(actual: Float64Array, expected: Float64Array): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs((actual[i] as number) - (expected[i] as number)) / Math.max(1, Math.abs(expected[i] as number));
    if (Number.isNaN(error)) return Number.NaN;
    if (error > worst) worst = error;
  }
  return worst;
}
