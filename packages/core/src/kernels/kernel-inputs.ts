/** What every kg4rec kernel body does with tfjs's kernel arguments, on any backend. */
import type * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

/** A kernel's inputs by name, as tfjs passes them. */
export type KernelInputs = Record<string, tf.TensorInfo | undefined>;

/** The input `name`, or `INVALID_ARGUMENT` naming the op and the missing input. */
export function input(op: string, inputs: KernelInputs, name: string): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Kg4recError('INVALID_ARGUMENT', `${op}: missing input '${name}'`);
  return info;
}

/** The named inputs, in order (see {@link input}). */
export function inputsNamed<const Names extends readonly string[]>(
  op: string,
  inputs: KernelInputs,
  names: Names,
): { [K in keyof Names]: tf.TensorInfo } {
  return names.map((name) => input(op, inputs, name)) as { [K in keyof Names]: tf.TensorInfo };
}

/** The product of `shape`'s sizes after the first `leading` (the whole size when 0). */
export function widthOf(shape: readonly number[], leading: number): number {
  return shape.slice(leading).reduce((a, b) => a * b, 1);
}
