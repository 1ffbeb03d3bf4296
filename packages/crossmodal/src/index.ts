/**
 * @kg4rec/crossmodal: the cross-modal Bi-Transformer that fuses visual and text features over an
 * item's KG neighbour sequence (Multi-KG4Rec, docs/method.md §3), with its attention weights for
 * explanations.
 */
import { createRegistry, type FusionBlock, type FusionDirection, type Registry } from '@kg4rec/core';
import { BI_TRANSFORMER_DEFAULTS, BI_TRANSFORMER_OPTIONS, BiTransformer, type BiTransformerOptions } from './bi-transformer';

export type { FusionBlock } from '@kg4rec/core';
export {
  BI_TRANSFORMER_DEFAULTS,
  BI_TRANSFORMER_OPTIONS,
  BiTransformer,
  type BiTransformerOptions,
  type BiTransformerOutput,
  type ForwardOptions,
  type FusionDirection,
} from './bi-transformer';
export { feedForward, layerNorm, multiHeadAttention, project } from './layers';
export { createSide, SIDE_PARAM_NAMES, type SideParams, sideVariables } from './params';

/**
 * Options every fusion block is created with: the width, direction and seed its model sets,
 * plus whatever the block itself takes.
 */
export type FusionBlockOptions = { dim: number; direction: FusionDirection; seed: number } & Record<string, unknown>;

/**
 * Registry of fusion blocks (core's `FusionBlock`: visual and text sequences in, one
 * representation per modality out): `bi-transformer`. Add your own with
 * `fusionBlocks.register({ name, create, defaults })`.
 */
export const fusionBlocks: Registry<FusionBlock, FusionBlockOptions> = createRegistry('fusion block');
fusionBlocks.register({
  name: 'bi-transformer',
  description: 'cross-modal Transformer: each stream attends over both streams’ keys and values (docs/method.md §3)',
  create: (options) => new BiTransformer(options as Partial<BiTransformerOptions>),
  defaults: BI_TRANSFORMER_DEFAULTS,
  schema: BI_TRANSFORMER_OPTIONS,
});
