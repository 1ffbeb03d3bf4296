/**
 * A cross-modal fusion block: an item's visual and text neighbour sequences in, one fused
 * representation per modality out (Multi-KG4Rec's Bi-Transformer in `@kg4rec/crossmodal`).
 */
import type * as tf from '@tensorflow/tfjs';
import type { RngState } from '../random';
import type { PartConfig } from './part-config';

/** Which streams attend across modalities: both, only text queries, only visual ones, or neither. */
export type FusionDirection = 'both' | 't2v' | 'v2t' | 'none';

/** Options of one {@link FusionBlock.fuse} call. */
export interface FuseOptions {
  /** Applies dropout. Default false. */
  training?: boolean;
}

/**
 * Fuses `[B, N, dim]` visual and text sequences into one `[B, dim]` row per item and modality.
 * Created from options that hold at least `dim`, `direction` and `seed` (a model sets them).
 */
export interface FusionBlock {
  readonly variables: tf.Variable[];
  /** The state of the block's own generator (dropout), for checkpoints; absent when it has none. */
  randomState?: RngState;
  /** `mask` `[B, N]`: 1 for real positions, 0 for padding. */
  fuse(visual: tf.Tensor3D, text: tf.Tensor3D, mask: tf.Tensor2D, options?: FuseOptions): { visual: tf.Tensor2D; text: tf.Tensor2D };
  getConfig(): PartConfig;
  dispose(): void;
}
