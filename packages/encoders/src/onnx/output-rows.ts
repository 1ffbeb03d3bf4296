import { Kg4recError } from '@kg4rec/core';
import { l2Normalize } from '../vectors';
import { fromFloat16, type HostTensor } from './tensors';

/**
 * The rows of a `[batch, dim]` float32 or float16 model output, as float32; L2-normalised unless
 * `normalise` is false. `name` (the model file) and `output` name the tensor in errors.
 */
export function outputRows(result: HostTensor | undefined, name: string, output: string, normalise = true): Float32Array[] {
  if (result?.dims.length !== 2)
    throw new Kg4recError('SHAPE_MISMATCH', `${name}: output '${output}' expected [batch, dim], got [${result?.dims.join(', ') ?? ''}]`);
  const values = result.data instanceof Uint16Array ? fromFloat16(result.data) : (result.data as Float32Array);
  const [batch, dim] = result.dims as [number, number];
  return Array.from({ length: batch }, (_, b) => {
    const row = Float32Array.from(values.subarray(b * dim, (b + 1) * dim));
    return normalise ? l2Normalize(row) : row;
  });
}
