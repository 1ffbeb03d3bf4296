/**
 * An optimizer's state as named tensors, so that a resumed run continues with the same Adam
 * moments and step count. Besides `getWeights()` (step count and moments), Adam keeps the running
 * products β₁ᵗ and β₂ᵗ; `setWeights` would recompute them with `pow`, which differs from the
 * running product in the last bits, so they are saved and restored as they are: a resumed run
 * then matches an uninterrupted one exactly.
 */
import * as tf from '@tensorflow/tfjs';

const RUNNING_PRODUCTS = ['accBeta1', 'accBeta2'] as const;

type WithRunningProducts = Partial<Record<(typeof RUNNING_PRODUCTS)[number], tf.Variable>>;

/** The optimizer's tensors (clones: the caller disposes them). */
export async function optimizerState(optimizer: tf.Optimizer): Promise<Array<{ name: string; tensor: tf.Tensor }>> {
  // getWeights() returns a new step-count scalar and the live moment variables: clone only those.
  const weights = (await optimizer.getWeights()).map(({ name, tensor }) => ({
    name,
    tensor: tensor instanceof tf.Variable ? tf.clone(tensor) : tensor,
  }));
  const products = RUNNING_PRODUCTS.flatMap((key) => {
    const variable = (optimizer as unknown as WithRunningProducts)[key];
    return variable ? [{ name: `#${key}`, tensor: tf.clone(variable) }] : [];
  });
  return [...weights, ...products];
}

/** Restores a state from {@link optimizerState} (takes ownership of the tensors). */
export async function setOptimizerState(optimizer: tf.Optimizer, state: Array<{ name: string; tensor: tf.Tensor }>): Promise<void> {
  const weights = state.filter(({ name }) => !name.startsWith('#'));
  if (weights.length > 0) await optimizer.setWeights(weights.map(({ name, tensor }) => ({ name, tensor })));
  for (const { name, tensor } of state) {
    if (!name.startsWith('#')) continue;
    (optimizer as unknown as WithRunningProducts)[name.slice(1) as (typeof RUNNING_PRODUCTS)[number]]?.assign(tensor);
  }
  tf.dispose(state.map(({ tensor }) => tensor));
}
