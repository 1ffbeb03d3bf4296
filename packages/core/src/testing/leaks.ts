import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

/**
 * Runs `work` and throws if it left more tensors alive than before (its returned tensors are
 * disposed first, so an op that returns its output passes). Use around every op, layer and step.
 */
export function assertNoTensorLeak<T>(work: () => T): T {
  const before = tf.memory().numTensors;
  const result = work();
  tf.dispose(collectTensors(result));
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Kg4recError('INTERNAL', `tensor leak: ${after - before} tensor(s) left alive (before ${before}, after ${after})`);
  }
  return result;
}

function collectTensors(value: unknown): tf.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  if (Array.isArray(value)) return value.flatMap(collectTensors);
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectTensors);
  return [];
}
