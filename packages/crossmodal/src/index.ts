/**
 * @kg4rec/crossmodal: The cross-modal (Bi-)Transformer that fuses visual and text features over an item's KG neighbour sequence.
 *
 * This package is scaffolding until issue #7 fills it: today it holds the registry that its
 * implementations will be registered in, so that configs can already name parts by string.
 */
import { createRegistry, type Registry } from '@kg4rec/core';

/**
 * Registry of fusion block implementations (a block that fuses visual and text sequences into one representation per modality). Issue #7 registers the first ones;
 * a user adds their own with `fusionBlocks.register({ name, create, defaults })`.
 */
export const fusionBlocks: Registry<unknown, Record<string, unknown>> = createRegistry('fusion block');
