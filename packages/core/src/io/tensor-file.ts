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

/** A tensor's values read back to the host, ready to write. */
export interface HostTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Reads `tensors` back to the host (without blocking: a GPU backend's reads are asynchronous), so
 * that {@link writeTensors} can write them from inside a synchronous, atomic folder write.
 */
export async function readToHost(tensors: ReadonlyArray<{ name: string; tensor: tf.Tensor }>): Promise<HostTensor[]> {
  return Promise.all(
    tensors.map(async ({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      values: Float32Array.from((await tensor.data()) as Float32Array),
    })),
  );
}

/** Writes host tensors (from {@link readToHost}) to `file` (float32, concatenated); returns their layout. */
export function writeTensors(file: string, tensors: readonly HostTensor[]): TensorLayout[] {
  let offset = 0;
  const layout = tensors.map(({ name, shape, values }) => {
    const entry = { name, shape: [...shape], offset };
    offset += values.length;
    return entry;
  });
  const all = new Float32Array(offset);
  tensors.forEach(({ values }, i) => {
    all.set(values, layout[i]?.offset);
  });
  writeFileSync(file, Buffer.from(all.buffer));
  return layout;
}

/**
 * The float32 values of a tensor file's bytes, checked: a whole number of 4-byte values, and
 * `expected` of them when given (a truncated or padded file is a `PARSE_ERROR` naming it).
 */
export function float32Values(file: string, bytes: Uint8Array, expected?: number): Float32Array {
  if (bytes.byteLength % 4 !== 0)
    throw new Kg4recError(
      'PARSE_ERROR',
      `${file}: ${bytes.byteLength} bytes is not a whole number of float32 values (4 bytes each): the file is truncated or not a tensor file`,
    );
  if (expected !== undefined && bytes.byteLength !== expected * 4)
    throw new Kg4recError(
      'PARSE_ERROR',
      `${file}: expected ${expected} float32 values (${expected * 4} bytes), found ${bytes.byteLength / 4}: the file is truncated or belongs to another run`,
    );
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Reads tensors written by {@link writeTensors}; the caller owns (disposes) them. */
export function readTensors(file: string, layout: readonly TensorLayout[]): Array<{ name: string; tensor: tf.Tensor }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${file}: cannot read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  const end = layout.reduce((most, { shape, offset }) => Math.max(most, offset + shape.reduce((a, b) => a * b, 1)), 0);
  const values = float32Values(file, bytes, end);
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
