/**
 * Named float32 tensors in one binary file plus a JSON layout: how saved models store their
 * weights and training checkpoints their weights, best weights and optimizer moments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

/** Where each tensor lives in the binary file. */
export interface TensorLayout {
  name: string;
  shape: number[];
  offset: number;
}

/** Writes `tensors` to `file` (float32, concatenated); returns their layout. */
export function writeTensors(file: string, tensors: ReadonlyArray<{ name: string; tensor: tf.Tensor }>): TensorLayout[] {
  let offset = 0;
  const layout = tensors.map(({ name, tensor }) => {
    const entry = { name, shape: [...tensor.shape], offset };
    offset += tensor.size;
    return entry;
  });
  const values = new Float32Array(offset);
  tensors.forEach(({ tensor }, i) => {
    values.set(tensor.dataSync() as Float32Array, layout[i]?.offset);
  });
  writeFileSync(file, Buffer.from(values.buffer));
  return layout;
}

/** Reads tensors written by {@link writeTensors}; the caller owns (disposes) them. */
export function readTensors(file: string, layout: readonly TensorLayout[]): Array<{ name: string; tensor: tf.Tensor }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${file}: cannot read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return layout.map(({ name, shape, offset }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size > values.length) {
      throw new Kg4recError(
        'PARSE_ERROR',
        `${file}: '${name}' [${shape.join(', ')}] at ${offset} runs past the end (${values.length} values)`,
      );
    }
    return { name, tensor: tf.tensor(values.slice(offset, offset + size), shape) };
  });
}
