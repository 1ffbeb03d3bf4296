import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';

/**
 * Runs `work` with the named kernels taken off `backend`, then puts them back: for tests that
 * compare an op's stock-op fallback with its fused kernel. Every named kernel must be registered.
 */
export function withoutKernels<T>(backend: string, kernelNames: readonly string[], work: () => T): T {
  const kernels = kernelNames.map((name) => {
    const kernel = tf.getKernel(name, backend);
    if (!kernel) throw new Kg4recError('INVALID_ARGUMENT', `withoutKernels: no kernel '${name}' on '${backend}'`);
    return kernel;
  });
  for (const kernel of kernels) tf.unregisterKernel(kernel.kernelName, backend);
  try {
    return work();
  } finally {
    for (const kernel of kernels) tf.registerKernel(kernel);
  }
}
