/**
 * @kg4rec/encoders: Multimodal encoders: CLIP image and text features through onnxruntime-node, and a weight-free fallback encoder.
 *
 * This package is scaffolding until issue #6 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of encoder implementations (an image or text encoder producing one feature vector per entity). Issue #6 registers the first ones;
 * a user adds their own with `encoders.register({ name, create, defaults })`.
 */
export const encoders: Registry<unknown, Record<string, unknown>> = createRegistry('encoder');
