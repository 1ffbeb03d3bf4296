/**
 * The Bi-Transformer of Multi-KG4Rec (docs/method.md §3): two streams, visual and text, over the same
 * neighbour sequence. In each block, each stream projects its queries, keys and values with its
 * own weights; a stream that looks across attends over the keys and values of both streams
 * concatenated along the sequence (`[own ; other]`), otherwise over its own; then its output
 * projection, residual + LayerNorm, ReLU feed-forward, residual + LayerNorm.
 *
 * `direction`: `both` (both streams look across), `t2v` (only text queries see both: text
 * attends to vision), `v2t` (only visual queries see both), `none` (two separate Transformers).
 */
import {
  dropout,
  type FusionBlock,
  type FusionDirection,
  Kg4recError,
  type PartConfig,
  partOptions,
  Rng,
  type RngState,
  z,
} from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { feedForward, layerNorm, multiHeadAttention, project } from './layers';
import { createSide, type SideParams, sideVariables } from './params';

export type { FusionDirection } from '@kg4rec/core';

const positive = z.number().int().min(1);

/** The schema of {@link BiTransformerOptions}. */
export const BI_TRANSFORMER_OPTIONS = z
  .object({
    dim: positive.describe("Model width d (each stream's input and output size). Default 64."),
    heads: positive.describe('Attention heads; must divide dim. Default 8.'),
    blocks: positive.describe('Blocks. Default 3.'),
    ffnDim: z.number().int().min(0).describe('Feed-forward hidden size; 0 means 4 · dim. Default 0.'),
    dropout: z.number().min(0).lt(1).describe("Dropout on each sublayer's output before its residual, in training. Default 0.1."),
    direction: z.enum(['both', 't2v', 'v2t', 'none']).describe('Which streams attend across modalities. Default both.'),
    epsilon: z.number().positive().describe('LayerNorm ε. Default 1e-5.'),
    seed: z.number().int().describe('Seed of the initialisation and the dropout masks. Default 2025.'),
  })
  .strict();

/** Options of {@link BiTransformer} (see {@link BI_TRANSFORMER_OPTIONS}). */
export type BiTransformerOptions = z.output<typeof BI_TRANSFORMER_OPTIONS>;

/** Defaults (docs/method.md §3); `ffnDim` 0 means 4 · dim. */
export const BI_TRANSFORMER_DEFAULTS: BiTransformerOptions = {
  dim: 64,
  heads: 8,
  blocks: 3,
  ffnDim: 0,
  dropout: 0.1,
  direction: 'both',
  epsilon: 1e-5,
  seed: 2025,
};

/** The streams' outputs, and per block the attention weights of each stream's queries. */
export interface BiTransformerOutput {
  /** `[B, N, d]`. */
  visual: tf.Tensor3D;
  text: tf.Tensor3D;
  /**
   * Per block, `[B, H, N, M]` weights of the visual and text queries; M = 2N for a stream that
   * looks across (keys laid out `[own ; other]`), N otherwise. Only with `attention: true`.
   */
  attention?: { visual: tf.Tensor4D; text: tf.Tensor4D }[];
}

/** Options of one {@link BiTransformer.forward} call. */
export interface ForwardOptions {
  /** Applies dropout. Default false. */
  training?: boolean;
  /** Also return the attention weights. Default false. */
  attention?: boolean;
}

let instances = 0;

/** `x` `[B, N, d]` → its first position `[B, 1, d]`. */
function firstPosition(x: tf.Tensor3D): tf.Tensor3D {
  return tf.slice(x, [0, 0, 0], [x.shape[0], 1, x.shape[2]]);
}

/** A stream's projected queries, keys and values in one block. */
interface Projected {
  queries: tf.Tensor3D;
  keys: tf.Tensor3D;
  values: tf.Tensor3D;
}

/**
 * A side's queries, keys and values from one product with [W^Q | W^K | W^V]: fewer, larger
 * kernels (on wasm, 64 items × 16 positions × 3 blocks forward and backward went from 253 to
 * 205 ms). With `firstOnly`, the queries of position 0 only.
 */
function projectAll(x: tf.Tensor3D, p: SideParams, firstOnly: boolean): Projected {
  const [wq, wk, wv] = [p.wq, p.wk, p.wv] as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  if (firstOnly) {
    const [keys, values] = tf.split(project(x, tf.concat([wk, wv], 1) as tf.Tensor2D), 2, 2) as [tf.Tensor3D, tf.Tensor3D];
    return { queries: project(firstPosition(x), wq), keys, values };
  }
  const [queries, keys, values] = tf.split(project(x, tf.concat([wq, wk, wv], 1) as tf.Tensor2D), 3, 2) as [
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
  ];
  return { queries, keys, values };
}

/** Which streams look across, by direction. */
function crosses(direction: FusionDirection): { visual: boolean; text: boolean } {
  return { visual: direction === 'both' || direction === 'v2t', text: direction === 'both' || direction === 't2v' };
}

/** Cross-modal Transformer fusing visual and text sequences (core's `FusionBlock`). */
export class BiTransformer implements FusionBlock {
  readonly options: BiTransformerOptions;
  private readonly sides: { visual: SideParams; text: SideParams }[];
  private readonly dropoutRng: Rng;

  constructor(options: Partial<BiTransformerOptions> = {}) {
    const merged = partOptions(BI_TRANSFORMER_OPTIONS, BI_TRANSFORMER_DEFAULTS, options, 'bi-transformer options');
    this.options = { ...merged, ffnDim: merged.ffnDim > 0 ? merged.ffnDim : 4 * merged.dim };
    const { dim, heads, blocks, ffnDim, seed } = this.options;
    if (dim % heads !== 0) throw new Kg4recError('INVALID_CONFIG', `heads (${heads}) must divide dim (${dim})`);
    const rng = new Rng(seed);
    // Variable names are global in TensorFlow.js: number each instance.
    const prefix = `bi-transformer-${instances++}`;
    this.sides = Array.from({ length: blocks }, (_, b) => ({
      visual: createSide(dim, ffnDim, rng, `${prefix}.${b}.visual`),
      text: createSide(dim, ffnDim, rng, `${prefix}.${b}.text`),
    }));
    this.dropoutRng = new Rng(seed ^ 0x2545f491);
  }

  /** Every trainable variable, block by block, visual side then text side. */
  get variables(): tf.Variable[] {
    return this.sides.flatMap(({ visual, text }) => [...sideVariables(visual), ...sideVariables(text)]);
  }

  /** The dropout generator's state, for checkpoints. */
  get randomState(): RngState {
    return this.dropoutRng.state();
  }

  set randomState(state: RngState) {
    this.dropoutRng.setState(state);
  }

  /**
   * Runs the blocks over `visual` and `text` `[B, N, d]` with `mask` `[B, N]` (1 = a real
   * position, 0 = padding; padded positions receive no attention from any query).
   */
  forward(visual: tf.Tensor3D, text: tf.Tensor3D, mask: tf.Tensor2D, options: ForwardOptions = {}): BiTransformerOutput {
    return this.run(visual, text, mask, options, false);
  }

  /**
   * The fused representations: each stream's output at position 0 (the item itself), `[B, d]`.
   * Equal to {@link forward}'s position 0, computed for less: the last block's queries,
   * feed-forward and LayerNorms run at position 0 only, since no later block reads the others.
   */
  fuse(
    visual: tf.Tensor3D,
    text: tf.Tensor3D,
    mask: tf.Tensor2D,
    options: ForwardOptions = {},
  ): { visual: tf.Tensor2D; text: tf.Tensor2D } {
    const out = this.run(visual, text, mask, options, true);
    const [batch, , dim] = out.visual.shape;
    return { visual: tf.reshape(out.visual, [batch, dim]), text: tf.reshape(out.text, [batch, dim]) };
  }

  /** The blocks; with `firstOnlyAtLast`, the last block's outputs cover position 0 only. */
  private run(visual: tf.Tensor3D, text: tf.Tensor3D, mask: tf.Tensor2D, options: ForwardOptions, firstOnlyAtLast: boolean) {
    this.checkShapes(visual, text, mask);
    const cross = crosses(this.options.direction);
    const keyMask = tf.cast(mask, 'float32') as tf.Tensor2D;
    const masks = { own: keyMask, both: tf.concat([keyMask, keyMask], 1) as tf.Tensor2D };
    let v = visual;
    let t = text;
    const attention: { visual: tf.Tensor4D; text: tf.Tensor4D }[] = [];
    this.sides.forEach((side, b) => {
      const firstOnly = firstOnlyAtLast && b === this.sides.length - 1;
      const pv = projectAll(v, side.visual, firstOnly);
      const pt = projectAll(t, side.text, firstOnly);
      const nextV = this.side(firstOnly ? firstPosition(v) : v, pv, cross.visual ? pt : undefined, side.visual, masks, options);
      const nextT = this.side(firstOnly ? firstPosition(t) : t, pt, cross.text ? pv : undefined, side.text, masks, options);
      if (options.attention) attention.push({ visual: nextV.weights, text: nextT.weights });
      v = nextV.output;
      t = nextT.output;
    });
    return { visual: v, text: t, ...(options.attention ? { attention } : {}) };
  }

  getConfig(): PartConfig {
    return { name: 'bi-transformer', options: { ...this.options } };
  }

  dispose(): void {
    for (const variable of this.variables) variable.dispose();
  }

  /**
   * One stream's block: its queries attend over its own keys and values, followed by the other
   * stream's (`[own ; other]`) when `other` is given.
   */
  private side(
    x: tf.Tensor3D,
    own: Projected,
    other: Projected | undefined,
    p: SideParams,
    masks: { own: tf.Tensor2D; both: tf.Tensor2D },
    options: ForwardOptions,
  ) {
    const joined = (pick: (q: Projected) => tf.Tensor3D) => (other ? (tf.concat([pick(own), pick(other)], 1) as tf.Tensor3D) : pick(own));
    const { output, weights } = multiHeadAttention(
      own.queries,
      joined((q) => q.keys),
      joined((q) => q.values),
      other ? masks.both : masks.own,
      this.options.heads,
    );
    const attended = this.drop(project(output, p.wo as tf.Tensor2D), options);
    const normed = layerNorm(tf.add(x, attended), p.ln1Gamma as tf.Tensor1D, p.ln1Beta as tf.Tensor1D, this.options.epsilon);
    const fed = this.drop(feedForward(normed, p.w1 as tf.Tensor2D, p.b1 as tf.Tensor1D, p.w2 as tf.Tensor2D, p.b2 as tf.Tensor1D), options);
    return { output: layerNorm(tf.add(normed, fed), p.ln2Gamma as tf.Tensor1D, p.ln2Beta as tf.Tensor1D, this.options.epsilon), weights };
  }

  private drop(x: tf.Tensor3D, options: ForwardOptions): tf.Tensor3D {
    if (!options.training || this.options.dropout === 0) return x;
    return dropout(x, this.options.dropout, this.dropoutRng.int(0x7fffffff));
  }

  private checkShapes(visual: tf.Tensor3D, text: tf.Tensor3D, mask: tf.Tensor2D): void {
    const [batch, length, dim] = visual.shape;
    const ok =
      visual.rank === 3 &&
      text.rank === 3 &&
      text.shape.join() === visual.shape.join() &&
      mask.rank === 2 &&
      mask.shape[0] === batch &&
      mask.shape[1] === length &&
      dim === this.options.dim;
    if (!ok) {
      throw new Kg4recError(
        'SHAPE_MISMATCH',
        `BiTransformer: expected visual and text [batch, length, ${this.options.dim}] and mask [batch, length]; got visual [${visual.shape}], text [${text.shape}], mask [${mask.shape}]`,
      );
    }
  }
}
