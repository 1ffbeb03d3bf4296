/**
 * Multi-KG4Rec (Wang et al., ESWA 2025; docs/method.md): a KG embedding (TransR by default) of
 * every CKG node; per modality (visual, text) a graph whose layer 0 is the reduced feature
 * `LeakyReLU(W_m c_m + b_m)` where a node has content, its ID embedding where not
 * (`modality-streams.ts`); each item's layer 0 replaced by the fusion block's fusion of its
 * neighbour sequence (the Bi-Transformer of `@kg4rec/crossmodal` by default;
 * `neighbour-fusion.ts`); per modality an L-layer knowledge-aware propagation; e* = layers
 * concatenated, visual ‖ text; ŷ = e_uᵀ e_i = ŷ_visual + ŷ_text. Loss: BPR + KG loss + L2,
 * alternated by the trainer.
 *
 * Choices where the paper is silent (documented in the package README):
 * - π is computed from the KG embedding, shared by both modality graphs, refreshed once per
 *   epoch without gradients (as KGAT's code).
 * - The fusion runs before propagation. In a CF step, the batch's items (positive, negative, …
 *   pair by pair, at most `fusionItemsPerStep`) are fused with gradients, so W_m and the fusion
 *   block learn from the CF loss; every other item uses its fused representation from the last
 *   `refresh()` (`fusion-cache.ts`), as do scoring and explanations. `fusionItemsPerStep: 0`
 *   fuses every item every step.
 * - Each modality graph has its own aggregator weights.
 *
 * Variants (`variant`): `full`; `t2v` / `v2t` (one-way fusion); `w/o v` (text only: no visual
 * graph, no fusion); `w/o t` (visual only); `w/o t&v` (no modality features: KGAT).
 */
import {
  type CfTripleBatch,
  type ContentKind,
  type FusionBlock,
  type FusionDirection,
  Kg4recError,
  type ModalityScores,
  type ModelContext,
  type NewItemScores,
  type NewItems,
  type NodeFeatures,
  type PartConfig,
  partOptions,
  type RngState,
  requireGraph,
  slotConfig,
  slotSchema,
  z,
} from '@kg4rec/core';
import { fusionBlocks } from '@kg4rec/crossmodal';
import { Propagation, propagateTogether } from '@kg4rec/gnn';
import * as tf from '@tensorflow/tfjs';
import { checkMultiKg4recContent } from './content-checks';
import type { ScoringRows } from './dot-product';
import { batchItems, FusionCache } from './fusion-cache';
import { GRAPH_MODEL_DEFAULTS, GRAPH_MODEL_FIELDS } from './graph-options';
import { GraphRecommender } from './graph-recommender';
import { concatenatedLayerRows } from './graph-rows';
import { createStream, disposeStream, type Modality, nonItemRows, type Stream, streamLayerZero } from './modality-streams';
import { fuseAlone, fuseNeighbourhoods, type NeighbourFusion } from './neighbour-fusion';
import { checkSlot } from './parts';
import { checkedRandomState } from './random-state';
import type { FeatureReduction } from './reduction';

/** The model and its ablations. */
export const MULTI_KG4REC_VARIANTS = ['full', 't2v', 'v2t', 'w/o v', 'w/o t', 'w/o t&v'] as const;
export type MultiKg4recVariant = (typeof MULTI_KG4REC_VARIANTS)[number];

/** The schema of {@link MultiKg4recOptions}. */
export const MULTI_KG4REC_OPTIONS = z
  .object({
    ...GRAPH_MODEL_FIELDS,
    variant: z.enum(MULTI_KG4REC_VARIANTS).describe("The model ('full') or an ablation: t2v, v2t, 'w/o v', 'w/o t', 'w/o t&v'."),
    fusion: slotSchema<FusionBlock>('fusion block').describe(
      "The fusion block (fusionBlocks registry): a name, { name, options } or an instance. Default 'bi-transformer' (3 blocks, 8 heads, FFN 4d, dropout 0.1).",
    ),
    fusionItemsPerStep: z
      .number()
      .int()
      .min(0)
      .describe("Items fused with gradients in a CF step (the batch's, pair by pair); 0: every item in every step. Default 64."),
    fusionOutput: z
      .enum(['l2', 'raw'])
      .describe("The fused items' layer 0: 'l2' (unit rows) or 'raw' (the fusion block's output). Default 'l2'."),
    leakySlope: z.number().min(0).describe("Negative slope of the reduction's LeakyReLU. Default 0.2."),
  })
  .strict();

/** Options of {@link MultiKG4Rec} (see {@link MULTI_KG4REC_OPTIONS}; aggregator default `bi-interaction`). */
export type MultiKg4recOptions = z.output<typeof MULTI_KG4REC_OPTIONS>;

export const MULTI_KG4REC_DEFAULTS: MultiKg4recOptions = {
  ...GRAPH_MODEL_DEFAULTS,
  variant: 'full',
  aggregator: 'bi-interaction',
  fusion: { name: 'bi-transformer' },
  fusionItemsPerStep: 64,
  fusionOutput: 'l2',
  leakySlope: 0.2,
};

/** The options the model fixes on its fusion block. */
const FUSION_FIXED = ['dim', 'direction', 'seed'];

/** The modality graphs a variant keeps. */
function modalitiesOf(variant: MultiKg4recVariant): Modality[] {
  if (variant === 'w/o t&v') return [];
  if (variant === 'w/o v') return ['text'];
  if (variant === 'w/o t') return ['visual'];
  return ['visual', 'text'];
}

const DIRECTION: Partial<Record<MultiKg4recVariant, FusionDirection>> = { full: 'both', t2v: 't2v', v2t: 'v2t' };

/** The content a variant reads: its modalities' features, and the sequences when it fuses. */
export function multiKg4recNeeds(variant: MultiKg4recVariant): ContentKind[] {
  return [...modalitiesOf(variant), ...(DIRECTION[variant] ? (['sequences'] as const) : [])];
}

/** The Multi-KG4Rec recommender. */
export class MultiKG4Rec extends GraphRecommender<MultiKg4recOptions> {
  readonly fusion: FusionBlock | undefined = undefined;
  private readonly streams: Stream[];
  private readonly cache: FusionCache;
  /** The items the current CF step fuses with gradients. */
  private stepItems: Int32Array | undefined;

  constructor(context: ModelContext, options: Partial<MultiKg4recOptions> = {}) {
    const resolved = partOptions(MULTI_KG4REC_OPTIONS, MULTI_KG4REC_DEFAULTS, options, 'multikg4rec options');
    const graph = requireGraph(context, 'multikg4rec');
    checkMultiKg4recContent(context, resolved.variant, multiKg4recNeeds(resolved.variant), graph.numNodes);
    const modalities = modalitiesOf(resolved.variant);
    if (modalities.length > 1 && Array.isArray(resolved.aggregator))
      throw new Kg4recError(
        'INVALID_CONFIG',
        'multikg4rec: aggregator instances cannot be shared by its two modality graphs; give a registered name or { name, options }',
      );
    const { dim, layerDims, aggregator, dropout, leakySlope, seed } = resolved;
    const direction = DIRECTION[resolved.variant];
    const fusionLayers = { fixed: { dim, direction: direction ?? 'none', seed: seed + 200 } };
    if (direction) checkSlot(fusionBlocks, resolved.fusion, fusionLayers);
    super({ name: 'multikg4rec', context, options: resolved, edges: graph, firstUserNode: graph.firstUserNode });
    this.streams = [];
    this.cache = new FusionCache(context.numItems);
    try {
      const propagation = (k: number) => new Propagation({ inputDim: dim, layerDims, aggregator, dropout, seed: seed + 1 + k });
      const plan = (k: number) => ({ numNodes: graph.numNodes, numItems: context.numItems, dim, leakySlope, seed: seed + 100 + k });
      if (modalities.length === 0) this.streams.push({ modality: 'id', propagation: propagation(0) });
      for (const [k, m] of modalities.entries())
        this.streams.push(createStream(m, context.content?.[m] as NodeFeatures, propagation(k), plan(k)));
      this.fusion = direction ? fusionBlocks.resolve(resolved.fusion, fusionLayers) : undefined;
      this.refreshFusionCache();
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  get variables(): tf.Variable[] {
    const streams = this.streams.flatMap((s) => [...(s.reduction?.variables ?? []), ...s.propagation.variables]);
    return [...this.kg.variables, ...streams, ...(this.fusion?.variables ?? [])];
  }

  randomState(): RngState[] {
    const fusion = this.fusion?.randomState;
    return [...this.streams.map((s) => s.propagation.randomState), ...(fusion ? [fusion] : [])];
  }

  setRandomState(states: RngState[]): void {
    const fused = this.fusion?.randomState !== undefined;
    const checked = checkedRandomState(states, this.streams.length + (fused ? 1 : 0), 'MultiKG4Rec');
    this.streams.forEach((s, k) => {
      s.propagation.randomState = checked[k] as RngState;
    });
    if (this.fusion && fused) this.fusion.randomState = checked[this.streams.length] as RngState;
  }

  /** Recomputes π from the KG embedding and every item's fused rows (after each epoch's steps), without gradients. */
  override refresh(): void {
    super.refresh();
    this.refreshFusionCache();
  }

  /** What the fusion of some items reads, as of now. */
  private fusionInput(): NeighbourFusion {
    return {
      sequences: this.context.content?.sequences as NonNullable<NonNullable<ModelContext['content']>['sequences']>,
      streams: this.streams,
      ids: this.kg.entityEmbeddings as tf.Tensor2D,
      fusion: this.fusion as FusionBlock,
      output: this.options.fusionOutput,
    };
  }

  /** Every owner's reduced rows, per stream. */
  private reducedRows(): tf.Tensor2D[] {
    return this.streams.map((s) => (s.reduction as FeatureReduction).apply());
  }

  /** Rebuilds every item's fused representation, without gradients. */
  private refreshFusionCache(): void {
    if (!this.fusion) return;
    const reduced = tf.tidy(() => this.reducedRows());
    this.cache.rebuild((items) => fuseNeighbourhoods(this.fusionInput(), items, false, reduced));
    tf.dispose(reduced);
  }

  override calculateLoss(batch: CfTripleBatch): tf.Scalar {
    const cap = this.options.fusionItemsPerStep;
    this.stepItems = this.fusion && cap > 0 ? batchItems(batch, cap) : undefined;
    try {
      return super.calculateLoss(batch);
    } finally {
      this.stepItems = undefined;
    }
  }

  /** The items' layer-0 rows per stream: from the cache when scoring; in a CF step, partly or wholly fused now. */
  private itemRows(training: boolean): tf.Tensor2D[] {
    const cache = this.cache.current;
    if (!training) return cache;
    if (this.stepItems) return this.cache.withFresh(this.stepItems, fuseNeighbourhoods(this.fusionInput(), this.stepItems, true));
    const every = Int32Array.from({ length: this.context.numItems }, (_, i) => i);
    return fuseNeighbourhoods(this.fusionInput(), every, true, this.reducedRows());
  }

  /** Each stream's layer 0, items replaced by their fused representation when fusion is on. */
  private layerZeros(training: boolean): tf.Tensor2D[] {
    const ids = this.kg.entityEmbeddings as tf.Tensor2D;
    if (!this.fusion || this.streams.length !== 2) return this.streams.map((s) => streamLayerZero(s, ids));
    const items = this.itemRows(training);
    const numItems = this.context.numItems;
    return this.streams.map((stream, m) => tf.concat([items[m] as tf.Tensor2D, nonItemRows(stream, ids, numItems)], 0) as tf.Tensor2D);
  }

  /** Each stream's layers; the streams share π, so they propagate together (one aggregation per layer). */
  private streamLayers(training: boolean): tf.Tensor2D[][] {
    const propagations = this.streams.map((s) => s.propagation);
    return propagateTogether(propagations, this.layerZeros(training), this.graph, this.currentAttention(training), training);
  }

  protected rows(training: boolean): ScoringRows {
    return concatenatedLayerRows(this.streamLayers(training).flat(), this.firstUserNode, this.context.numItems);
  }

  /**
   * The exact split of ŷ(u, i) by modality graph, for explanations: `parts[m][k]` is the score
   * of the k-th (user, item) pair from modality m's layers; they sum to `fullSortScores`' score.
   */
  async modalityScores(users: Int32Array, items: Int32Array): Promise<ModalityScores[]> {
    if (users.length !== items.length)
      throw new Kg4recError('INVALID_ARGUMENT', `modalityScores: ${users.length} users for ${items.length} items`);
    const parts = tf.tidy(() => {
      const layers = this.streamLayers(false);
      const u = tf.add(tf.tensor1d(users, 'int32'), tf.scalar(this.firstUserNode, 'int32')) as tf.Tensor1D;
      const i = tf.tensor1d(items, 'int32');
      const pick = (streamLayers: tf.Tensor2D[], nodes: tf.Tensor1D) =>
        tf.concat(
          streamLayers.map((layer) => tf.gather(layer, nodes)),
          1,
        );
      return layers.map((streamLayers) => tf.sum(tf.mul(pick(streamLayers, u), pick(streamLayers, i)), 1));
    });
    try {
      const values = await Promise.all(parts.map((scores) => scores.data()));
      return values.map((scores, k) => ({ modality: (this.streams[k] as Stream).modality, scores: scores as Float32Array }));
    } finally {
      tf.dispose(parts);
    }
  }

  /**
   * Scores of items added after training, from their features alone: an item with no ID row and
   * no edges is scored as it would be in the graph, isolated. Layer 0 is its reduced features
   * (fused, as an item's sequence of itself alone, when the variant fuses), each layer
   * aggregates an empty neighbourhood, and e*_new is scored against the users' e*_u; the users'
   * rows do not change (no edge leads to the new item). Needs the features of every modality the
   * variant reads; `w/o t&v` has none and cannot score new items.
   */
  async scoreNewItems(users: Int32Array, items: NewItems): Promise<NewItemScores> {
    if (this.streams.some((s) => s.modality === 'id'))
      throw new Kg4recError(
        'INVALID_ARGUMENT',
        `multikg4rec '${this.options.variant}' reads no content, so it can score only the items it was trained with`,
      );
    const parts = tf.tidy(() => {
      const zeros = this.newItemLayerZeros(items);
      const layers = this.streamLayers(false);
      const nodes = tf.add(tf.tensor1d(users, 'int32'), tf.scalar(this.firstUserNode, 'int32')) as tf.Tensor1D;
      return this.streams.map((stream, m) => {
        const userRows = tf.concat(
          (layers[m] as tf.Tensor2D[]).map((layer) => tf.gather(layer, nodes)),
          1,
        );
        const itemRows = tf.concat(stream.propagation.layersWithoutNeighbours(zeros[m] as tf.Tensor2D), 1);
        return tf.matMul(userRows, itemRows, false, true);
      });
    });
    try {
      const values = await Promise.all(parts.map((scores) => scores.data() as Promise<Float32Array>));
      const scores = new Float32Array(users.length * items.count);
      for (const part of values) for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) + (part[k] as number);
      return { scores, parts: values.map((s, k) => ({ modality: (this.streams[k] as Stream).modality, scores: s })) };
    } finally {
      tf.dispose(parts);
    }
  }

  /** Layer 0 of new items per stream: their reduced features, fused when the variant fuses. */
  private newItemLayerZeros(items: NewItems): tf.Tensor2D[] {
    const reduced = this.streams.map((stream) => {
      const modality = stream.modality as Modality;
      const values = items[modality];
      const what = `multikg4rec '${this.options.variant}': new items' ${modality} features`;
      if (!values) throw new Kg4recError('INVALID_ARGUMENT', `${what} are missing (this variant reads ${modality} content)`);
      const rows = (stream.reduction as FeatureReduction).applyToValues(values, what);
      if (rows.shape[0] !== items.count) throw new Kg4recError('SHAPE_MISMATCH', `${what}: ${rows.shape[0]} rows for ${items.count} items`);
      return rows;
    });
    if (!this.fusion || reduced.length !== 2) return reduced;
    return fuseAlone(this.fusion, this.options.fusionOutput, reduced[0] as tf.Tensor2D, reduced[1] as tf.Tensor2D);
  }

  override getConfig(): PartConfig {
    const config = super.getConfig();
    return { ...config, options: { ...config.options, fusion: slotConfig(this.options.fusion, FUSION_FIXED) } };
  }

  override dispose(): void {
    super.dispose();
    for (const s of this.streams) disposeStream(s);
    this.fusion?.dispose();
    this.cache.dispose();
  }
}
