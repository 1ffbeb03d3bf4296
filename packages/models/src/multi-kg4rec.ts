/**
 * Multi-KG4Rec (Wang et al., ESWA 2025; method.md): TransR ID embeddings of every CKG node;
 * per modality (visual, text) a reduction `LeakyReLU(W_m c_m + b_m)` of the node's features
 * (512 → d) where it has content, its ID embedding where not; each item's layer 0 replaced by the
 * Bi-Transformer's fusion of its neighbour sequence (`@kg4rec/crossmodal`); per modality an
 * L-layer knowledge-aware propagation (`@kg4rec/gnn`); e* = layers concatenated, visual ‖ text;
 * ŷ = e_uᵀ e_i = ŷ_visual + ŷ_text. Loss: BPR + TransR + L2, alternated by the trainer.
 *
 * Choices where the paper is silent (documented in the package README):
 * - π is computed from the TransR embeddings, shared by both modality graphs, refreshed once per
 *   epoch without gradients (as KGAT's code).
 * - The fusion runs before propagation. In a CF step, the batch's items (positive, negative, …
 *   pair by pair, at most `fusionItemsPerStep`) are fused with gradients, so W_m and the
 *   Bi-Transformer learn from the CF loss; every other item uses its fused representation from
 *   the last `refresh()` (after each epoch), as do scoring and explanations.
 *   `fusionItemsPerStep: 0` fuses every item every step.
 * - Each modality graph has its own aggregator weights.
 *
 * Variants (`variant`): `full`; `t2v` / `v2t` (one-way fusion); `w/o v` (text only: no visual
 * graph, no fusion); `w/o t` (visual only); `w/o t&v` (no modality features: KGAT).
 */
import { type CfTripleBatch, Kg4recError, type KgTripleBatch, type PartConfig, type RngState } from '@kg4rec/core';
import { BiTransformer, type FusionDirection } from '@kg4rec/crossmodal';
import { disposeGraph, Propagation, type PropagationGraph, propagateTogether, propagationGraph } from '@kg4rec/gnn';
import { TransR } from '@kg4rec/transr';
import * as tf from '@tensorflow/tfjs';
import { checkNodeFeatures, type ModelContent, type ModelContext, type NodeFeatures, requireGraph } from './context';
import { DotProductRecommender, type ScoringRows } from './dot-product';
import { GRAPH_MODEL_DEFAULTS, type GraphModelOptions } from './graph-options';
import { type AttendedNeighbour, concatenatedLayerRows, topAttended, transRAttention } from './graph-rows';
import { FeatureReduction } from './reduction';

/** The model and its ablations. */
export const MULTI_KG4REC_VARIANTS = ['full', 't2v', 'v2t', 'w/o v', 'w/o t', 'w/o t&v'] as const;
export type MultiKg4recVariant = (typeof MULTI_KG4REC_VARIANTS)[number];
type Modality = 'visual' | 'text';

/** Options of {@link MultiKG4Rec} (aggregator default `bi-interaction`). */
export interface MultiKg4recOptions extends GraphModelOptions {
  variant: MultiKg4recVariant;
  /** Bi-Transformer blocks, heads, feed-forward size (0: 4 · dim) and dropout. */
  fusionBlocks: number;
  fusionHeads: number;
  fusionFfnDim: number;
  fusionDropout: number;
  /**
   * Items fused with gradients in a CF step: the batch's items, pair by pair, at most this
   * many; every other item uses its fused representation from the last `refresh()`. 0: every
   * item in every step (exact, but its tape outgrows wasm's heap on MovieLens-100K).
   */
  fusionItemsPerStep: number;
  /** The fused items' layer 0: `l2` (unit rows) or `raw` (the Bi-Transformer's LayerNorm output). */
  fusionOutput: 'l2' | 'raw';
  /** Negative slope of the reduction's LeakyReLU. */
  leakySlope: number;
}

export const MULTI_KG4REC_DEFAULTS: MultiKg4recOptions = {
  ...GRAPH_MODEL_DEFAULTS,
  variant: 'full',
  aggregator: 'bi-interaction',
  fusionBlocks: 3,
  fusionHeads: 8,
  fusionFfnDim: 0,
  fusionDropout: 0.1,
  fusionItemsPerStep: 64,
  fusionOutput: 'l2',
  leakySlope: 0.2,
};

/** One modality graph: its features' reduction and its propagation. */
interface Stream {
  modality: Modality | 'id';
  reduction?: FeatureReduction;
  /** Node n's layer-0 row in the stream's table, concat([ID embeddings, reduced features]). */
  source?: tf.Tensor1D;
  /** The same on the host, for the fusion's sequences. */
  sourceRows?: Int32Array;
  /** `source` of the nodes after the items, where one of them owns features (else those rows are ID rows). */
  nonItemSource?: tf.Tensor1D;
  propagation: Propagation;
}

/** Items per chunk when the fusion cache is rebuilt. */
const CACHE_CHUNK = 256;

/**
 * The batch's distinct items, at most `cap`, taken pair by pair (positive k, negative k, …): the
 * fusion learns from the BPR loss only through fresh rows, and with positives alone it has no
 * reason to tell items apart.
 */
function batchItems(batch: CfTripleBatch, cap: number): Int32Array {
  const chosen = new Set<number>();
  const positives = batch.ids?.positives ?? batch.positives.dataSync();
  const negatives = batch.ids?.negatives ?? batch.negatives.dataSync();
  for (let k = 0; k < positives.length && chosen.size < cap; k++) {
    chosen.add(positives[k] as number);
    if (chosen.size < cap) chosen.add(negatives[k] as number);
  }
  return Int32Array.from(chosen);
}

function modalitiesOf(variant: MultiKg4recVariant): Modality[] {
  if (variant === 'w/o t&v') return [];
  if (variant === 'w/o v') return ['text'];
  if (variant === 'w/o t') return ['visual'];
  return ['visual', 'text'];
}

const DIRECTION: Partial<Record<MultiKg4recVariant, FusionDirection>> = { full: 'both', t2v: 't2v', v2t: 'v2t' };

/** The Multi-KG4Rec recommender. */
export class MultiKG4Rec extends DotProductRecommender {
  readonly options: MultiKg4recOptions;
  readonly kg: TransR;
  readonly fusion: BiTransformer | undefined;
  private readonly streams: Stream[];
  private readonly graph: PropagationGraph;
  private readonly firstUserNode: number;
  private readonly numNodes: number;
  private attention: tf.Tensor1D;
  /** Each item's fused visual and text representation as of the last refresh. */
  private fusedCache: [tf.Tensor2D, tf.Tensor2D] | undefined;
  /** The items the current CF step fuses with gradients. */
  private stepItems: Int32Array | undefined;

  constructor(
    readonly context: ModelContext,
    options: Partial<MultiKg4recOptions> = {},
  ) {
    super();
    this.options = { ...MULTI_KG4REC_DEFAULTS, ...options };
    const { variant, dim, relationDim, layerDims, aggregator, dropout, kgL2, seed } = this.options;
    if (!MULTI_KG4REC_VARIANTS.includes(variant))
      throw new Kg4recError('INVALID_CONFIG', `variant must be one of ${MULTI_KG4REC_VARIANTS.join(', ')}, got '${variant}'`);
    const graph = requireGraph(context, 'multikg4rec');
    checkContent(context, variant, graph.numNodes);
    this.numNodes = graph.numNodes;
    this.firstUserNode = graph.firstUserNode;
    this.kg = new TransR({ numEntities: graph.numNodes, numRelations: graph.numRelations, entityDim: dim, relationDim, l2: kgL2, seed });
    this.graph = propagationGraph(graph.heads, graph.tails, graph.relations, graph.numNodes, graph.numRelations);
    this.attention = tf.tensor1d(this.graph.relationWiseRandomWalk);
    const modalities = modalitiesOf(variant);
    const propagation = (k: number) => new Propagation({ inputDim: dim, layerDims, aggregator, dropout, seed: seed + 1 + k });
    this.streams =
      modalities.length === 0
        ? [{ modality: 'id', propagation: propagation(0) }]
        : modalities.map((m, k) => this.createStream(m, k, propagation(k)));
    const direction = DIRECTION[variant];
    this.fusion = direction ? this.createFusion(direction) : undefined;
    this.refreshFusionCache();
  }

  private createStream(modality: Modality, k: number, propagation: Propagation): Stream {
    const features = this.context.content?.[modality] as NodeFeatures;
    const { dim, leakySlope, seed } = this.options;
    const reduction = new FeatureReduction(features, { dim, leakySlope, seed: seed + 100 + k, name: `multikg4rec.${modality}.reduce` });
    const source = Int32Array.from({ length: this.numNodes }, (_, n) => n);
    reduction.owners.forEach((node, r) => {
      source[node] = this.numNodes + r;
    });
    const numItems = this.context.numItems;
    const nonItemOwner = reduction.owners.some((node) => node >= numItems);
    return {
      modality,
      reduction,
      source: tf.tensor1d(source, 'int32'),
      sourceRows: source,
      ...(nonItemOwner ? { nonItemSource: tf.tensor1d(source.subarray(numItems), 'int32') } : {}),
      propagation,
    };
  }

  private createFusion(direction: FusionDirection): BiTransformer {
    const { dim, fusionBlocks, fusionHeads, fusionFfnDim, fusionDropout, seed } = this.options;
    return new BiTransformer({
      dim,
      heads: fusionHeads,
      blocks: fusionBlocks,
      ffnDim: fusionFfnDim,
      dropout: fusionDropout,
      direction,
      seed: seed + 200,
    });
  }

  get variables(): tf.Variable[] {
    const streams = this.streams.flatMap((s) => [...(s.reduction?.variables ?? []), ...s.propagation.variables]);
    return [...this.kg.variables, ...streams, ...(this.fusion?.variables ?? [])];
  }

  randomState(): RngState[] {
    return [...this.streams.map((s) => s.propagation.randomState), ...(this.fusion ? [this.fusion.randomState] : [])];
  }

  setRandomState(states: RngState[]): void {
    const expected = this.streams.length + (this.fusion ? 1 : 0);
    if (states.length !== expected)
      throw new Kg4recError('INVALID_ARGUMENT', `MultiKG4Rec.setRandomState: expected ${expected} generator states, got ${states.length}`);
    this.streams.forEach((s, k) => {
      s.propagation.randomState = states[k] as RngState;
    });
    if (this.fusion) this.fusion.randomState = states[this.streams.length] as RngState;
  }

  /** Recomputes π from the TransR embeddings (after each epoch's steps), without gradients. */
  refresh(): void {
    const fresh = tf.tidy(() => transRAttention(this.graph, this.kg));
    this.attention.dispose();
    this.attention = fresh;
    this.refreshFusionCache();
  }

  /** Recomputes every item's fused representation, without gradients, a chunk of items at a time. */
  private refreshFusionCache(): void {
    if (!this.fusion) return;
    const reduced = tf.tidy(() => this.streams.map((s) => (s.reduction as FeatureReduction).apply()));
    const chunks: tf.Tensor2D[][] = [];
    const numItems = this.context.numItems;
    for (let start = 0; start < numItems; start += CACHE_CHUNK) {
      const items = Int32Array.from({ length: Math.min(CACHE_CHUNK, numItems - start) }, (_, k) => start + k);
      chunks.push(tf.tidy(() => this.fuseItems(items, false, reduced)));
    }
    const fresh = tf.tidy(() =>
      [0, 1].map((m) =>
        tf.concat(
          chunks.map((c) => c[m] as tf.Tensor2D),
          0,
        ),
      ),
    ) as [tf.Tensor2D, tf.Tensor2D];
    tf.dispose([...reduced, ...chunks.flat(), ...(this.fusedCache ?? [])]);
    this.fusedCache = fresh;
  }

  /**
   * The fused [visual, text] rows of `items` from their neighbour sequences' layer-0 rows: each
   * position's reduced features where its node has them, its ID embedding where not. The reduced
   * rows come from `reduced[m]` (every owner's, in owner order) when given, else are reduced now
   * for these positions only (a CF step's few items: the product and its gradient cost those
   * rows, not every owner's). Gathered from the two separately: gathering from one
   * [ID rows ; reduced rows] table made every step concatenate and split a [nodes + owners, d]
   * matrix per modality.
   */
  private fuseItems(items: Int32Array, training: boolean, reduced?: readonly tf.Tensor2D[]): tf.Tensor2D[] {
    const sequences = this.context.content?.sequences as NonNullable<ModelContent['sequences']>;
    const length = sequences.length;
    const nodes = new Int32Array(items.length * length);
    const mask = new Float32Array(items.length * length);
    items.forEach((item, k) => {
      for (let p = 0; p < length; p++) {
        const node = sequences.nodes[item * length + p] as number;
        nodes[k * length + p] = Math.max(node, 0);
        mask[k * length + p] = sequences.mask[item * length + p] as number;
      }
    });
    const dim = this.options.dim;
    const idRows = tf.gather(this.kg.entityEmbeddings as tf.Tensor2D, tf.tensor1d(nodes, 'int32'));
    const [visual, text] = this.streams.map((stream, m) => {
      const rows = stream.sourceRows as Int32Array;
      const ownerRows = nodes.map((node) => Math.max((rows[node] as number) - this.numNodes, 0));
      const featureRows = reduced
        ? tf.gather(reduced[m] as tf.Tensor2D, tf.tensor1d(ownerRows, 'int32'))
        : (stream.reduction as FeatureReduction).applyRows(ownerRows);
      const owned = tf.tensor2d(
        Uint8Array.from({ length: nodes.length * dim }, (_, k) =>
          (rows[nodes[Math.floor(k / dim)] as number] as number) >= this.numNodes ? 1 : 0,
        ),
        [nodes.length, dim],
        'bool',
      );
      const layerZero = tf.where(owned, featureRows, idRows);
      return tf.reshape(layerZero, [items.length, length, dim]) as tf.Tensor3D;
    }) as [tf.Tensor3D, tf.Tensor3D];
    const fused = (this.fusion as BiTransformer).fuse(visual, text, tf.tensor2d(mask, [items.length, length]), { training });
    return this.fusedLayerZero(fused);
  }

  /** The fused rows as items' layer 0 (see `fusionOutput`). */
  private fusedLayerZero(fused: { visual: tf.Tensor2D; text: tf.Tensor2D }): tf.Tensor2D[] {
    if (this.options.fusionOutput === 'raw') return [fused.visual, fused.text];
    // LayerNorm leaves rows of norm ≈ √d, two orders above the ID embeddings: L2-normalise them.
    return [fused.visual, fused.text].map((x) => tf.div(x, tf.add(tf.norm(x, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D);
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

  /** Layer 0 of a stream: reduced features where a node has content, its ID embedding elsewhere. */
  private layerZero(stream: Stream): tf.Tensor2D {
    if (!stream.reduction || !stream.source) return this.kg.entityEmbeddings as tf.Tensor2D;
    return tf.gather(this.table(stream), stream.source) as tf.Tensor2D;
  }

  /** A stream's ID embeddings followed by its reduced features (row numNodes + r: owner r's). */
  private table(stream: Stream): tf.Tensor2D {
    const ids = this.kg.entityEmbeddings as tf.Tensor2D;
    return stream.reduction ? (tf.concat([ids, stream.reduction.apply()], 0) as tf.Tensor2D) : ids;
  }

  /**
   * Layer 0 of the nodes after the items (users, entities): their ID rows, or, where one of them
   * owns features, their rows of the stream's table. (Only this, not every node's layer 0, when
   * the items' rows come from the fusion: a gather over every node, and its gradient, cost more
   * than the rest.)
   */
  private nonItemRows(stream: Stream): tf.Tensor2D {
    if (stream.nonItemSource) return tf.gather(this.table(stream), stream.nonItemSource) as tf.Tensor2D;
    return tf.slice(this.kg.entityEmbeddings as tf.Tensor2D, [this.context.numItems, 0], [-1, -1]);
  }

  /**
   * Each stream's layer 0, items replaced by their fused representation when fusion is on: from
   * the cache when scoring; in a CF step, the step's items fused now and the rest from the cache
   * (or every item fused now when `fusionItemsPerStep` is 0).
   */
  private layerZeros(training: boolean): tf.Tensor2D[] {
    if (!this.fusion || this.streams.length !== 2) return this.streams.map((s) => this.layerZero(s));
    const numItems = this.context.numItems;
    const cache = this.fusedCache as [tf.Tensor2D, tf.Tensor2D];
    let items: tf.Tensor2D[] = cache;
    if (training && this.stepItems) items = this.cacheWithFresh(cache, this.stepItems);
    else if (training) {
      const every = Int32Array.from({ length: numItems }, (_, i) => i);
      items = this.fuseItems(
        every,
        true,
        this.streams.map((s) => (s.reduction as FeatureReduction).apply()),
      );
    }
    return this.streams.map((stream, m) => tf.concat([items[m] as tf.Tensor2D, this.nonItemRows(stream)], 0) as tf.Tensor2D);
  }

  /** Item rows from the cache, except `fresh` items fused now (with gradients). */
  private cacheWithFresh(cache: readonly tf.Tensor2D[], fresh: Int32Array): tf.Tensor2D[] {
    const numItems = this.context.numItems;
    const fused = this.fuseItems(fresh, true);
    const source = Int32Array.from({ length: numItems }, (_, i) => i);
    fresh.forEach((item, k) => {
      source[item] = numItems + k;
    });
    const index = tf.tensor1d(source, 'int32');
    return cache.map((rows, m) => tf.gather(tf.concat([rows, fused[m] as tf.Tensor2D], 0), index) as tf.Tensor2D);
  }

  /** Each stream's layers; the streams share π, so they propagate together (one aggregation per layer). */
  private streamLayers(training: boolean): tf.Tensor2D[][] {
    const propagations = this.streams.map((s) => s.propagation);
    return propagateTogether(propagations, this.layerZeros(training), this.graph, this.attention, training);
  }

  protected get l2(): number {
    return this.options.l2;
  }

  protected rows(training: boolean): ScoringRows {
    return concatenatedLayerRows(this.streamLayers(training).flat(), this.firstUserNode, this.context.numItems);
  }

  /**
   * The exact split of ŷ(u, i) by modality graph, for explanations: `parts[m][k]` is the score
   * of the k-th (user, item) pair from modality m's layers; they sum to `fullSortScores`' score.
   */
  async modalityScores(users: Int32Array, items: Int32Array): Promise<{ modality: string; scores: Float32Array }[]> {
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

  /** The `k` CKG neighbours of `node` with the most attention π (for explanations). */
  attendedNeighbours(node: number, k = 5): Promise<AttendedNeighbour[]> {
    return topAttended(this.graph, this.attention, node, k);
  }

  kgLoss(batch: KgTripleBatch): tf.Scalar {
    return this.kg.loss(batch);
  }

  getConfig(): PartConfig {
    return { name: 'multikg4rec', options: { ...this.options } };
  }

  dispose(): void {
    this.kg.dispose();
    for (const s of this.streams) {
      s.propagation.dispose();
      s.reduction?.dispose();
      s.source?.dispose();
      s.nonItemSource?.dispose();
    }
    this.fusion?.dispose();
    tf.dispose(this.fusedCache ?? []);
    this.attention.dispose();
    disposeGraph(this.graph);
  }
}

/** Checks, before anything is allocated, that the context has what the variant reads. */
function checkContent(context: ModelContext, variant: MultiKg4recVariant, numNodes: number): void {
  for (const modality of modalitiesOf(variant)) {
    const features = context.content?.[modality];
    if (!features)
      throw new Kg4recError(
        'INVALID_CONFIG',
        `multikg4rec variant '${variant}' needs ${modality} features (context.content.${modality}); encode them with kg4rec encode`,
      );
    checkNodeFeatures(features, numNodes, 'multikg4rec', modality);
    if (!features.has.includes(1)) {
      throw new Kg4recError(
        'INVALID_CONFIG',
        `multikg4rec: no node has ${modality} features (an empty feature table: were the dataset's ${modality === 'text' ? 'texts' : 'images'} found when it was encoded?)`,
      );
    }
  }
  const sequences = context.content?.sequences;
  if (DIRECTION[variant] && (!sequences || sequences.nodes.length !== context.numItems * sequences.length)) {
    throw new Kg4recError(
      'INVALID_CONFIG',
      `multikg4rec variant '${variant}' needs each item's neighbour sequence (context.content.sequences, ${context.numItems} × length)`,
    );
  }
}
