/**
 * @kg4rec/crossmodal: the cross-modal Bi-Transformer that fuses visual and text features over an
 * item's KG neighbour sequence (Multi-KG4Rec, method.md §3), with its attention weights for
 * explanations.
 */
import { createRegistry, type Registry } from '@kg4rec/core';
import { BiTransformer, type BiTransformerOptions } from './bi-transformer';

export {
  BI_TRANSFORMER_DEFAULTS,
  BiTransformer,
  type BiTransformerOptions,
  type BiTransformerOutput,
  type ForwardOptions,
  type FusionDirection,
} from './bi-transformer';
export { feedForward, layerNorm, multiHeadAttention, project } from './layers';
export { createSide, SIDE_PARAM_NAMES, type SideParams, sideVariables } from './params';

/**
 * Registry of fusion blocks (visual and text sequences in, one representation per modality out):
 * `bi-transformer`. Add your own with `fusionBlocks.register({ name, create, defaults })`.
 */
export const fusionBlocks: Registry<BiTransformer, Partial<BiTransformerOptions>> = createRegistry('fusion block');
fusionBlocks.register({
  name: 'bi-transformer',
  description: 'cross-modal Transformer: each stream attends over both streams’ keys and values (method.md §3)',
  create: (options) => new BiTransformer(options),
  defaults: {},
});
