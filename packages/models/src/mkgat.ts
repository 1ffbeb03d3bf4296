/**
 * An MKGAT-style baseline — our own re-implementation after Sun et al., "Multi-modal Knowledge
 * Graphs for Recommender Systems" (CIKM 2020), not the authors' code. Modality features become
 * entities of the knowledge graph, inside KGAT's attention:
 * - every node with visual (text) features gets a modal entity joined to it by `has_visual`
 *   (`has_text`) and its inverse (see `modal-entities.ts`);
 * - a modal entity's embedding is its reduced features, `LeakyReLU(W_m c + b_m)` (the reduction
 *   Multi-KG4Rec uses), every other node's is its TransR ID embedding;
 * - π (knowledge-aware attention, refreshed per epoch) and TransR's KG loss run over the extended
 *   graph, so attention weighs an item's image and text against its other neighbours, and each KG
 *   step also scores a batch of modal triples, which trains W_m through the KG loss too;
 * - propagation aggregates by concatenation (`graphsage`: LeakyReLU(W (e_h ‖ e_N))), MKGAT's
 *   concatenation aggregator; ŷ = e*_uᵀ e*_i with e* the concatenated layers, as KGAT.
 * One propagation over one graph that holds both modalities: the modalities are fused by
 * concatenation inside the aggregator, where Multi-KG4Rec fuses them with its Bi-Transformer.
 */
import {
  type AttendedNeighbour,
  checkNodeFeatures,
  Kg4recError,
  type KgTripleBatch,
  type ModelContext,
  partOptions,
  Rng,
  type RngState,
  requireGraph,
  z,
} from '@kg4rec/core';
import { Propagation } from '@kg4rec/gnn';
import * as tf from '@tensorflow/tfjs';
import type { ScoringRows } from './dot-product';
import { GRAPH_MODEL_DEFAULTS, GRAPH_MODEL_FIELDS } from './graph-options';
import { GraphRecommender } from './graph-recommender';
import { concatenatedLayerRows } from './graph-rows';
import { type ModalEntities, type ModalGraph, withModalEntities } from './modal-entities';
import { checkedRandomState } from './random-state';
import { FeatureReduction } from './reduction';

/** The schema of {@link MkgatOptions}. */
export const MKGAT_OPTIONS = z
  .object({
    ...GRAPH_MODEL_FIELDS,
    modalBatchSize: z.number().int().min(0).describe('Modal triples scored per KG step; 0: as many as the KG batch has triples.'),
    leakySlope: z.number().min(0).describe("Negative slope of the reduction's LeakyReLU. Default 0.2."),
  })
  .strict();

/** Options of {@link MKGAT} (aggregator default `graphsage`: concatenation, as MKGAT). */
export type MkgatOptions = z.output<typeof MKGAT_OPTIONS>;

export const MKGAT_DEFAULTS: MkgatOptions = { ...GRAPH_MODEL_DEFAULTS, aggregator: 'graphsage', modalBatchSize: 0, leakySlope: 0.2 };

/** The MKGAT-style recommender (ours). */
export class MKGAT extends GraphRecommender<MkgatOptions> {
  readonly propagation: Propagation;
  private readonly modal: ModalGraph;
  private readonly reductions: FeatureReduction[];
  private readonly baseNodes: number;
  private readonly sampler: Rng;

  constructor(context: ModelContext, options: Partial<MkgatOptions> = {}) {
    const resolved = partOptions(MKGAT_OPTIONS, MKGAT_DEFAULTS, options, 'mkgat options');
    const base = requireGraph(context, 'mkgat');
    const content = checkedContent(context, base.numNodes);
    const modal = withModalEntities(base, content);
    super({ name: 'mkgat', context, options: resolved, edges: modal, kgEntities: base.numNodes, firstUserNode: base.firstUserNode });
    const { dim, layerDims, aggregator, dropout, leakySlope, seed } = resolved;
    this.modal = modal;
    this.baseNodes = base.numNodes;
    this.reductions = this.modal.modalities.map(
      ({ modality }, k) =>
        new FeatureReduction(content[modality] as NonNullable<(typeof content)['visual']>, {
          dim,
          leakySlope,
          seed: seed + 100 + k,
          name: `mkgat.${modality}.reduce`,
        }),
    );
    this.propagation = new Propagation({ inputDim: dim, layerDims, aggregator, dropout, seed: seed + 1 });
    this.sampler = new Rng(seed ^ 0x6d6b6761);
  }

  get variables(): tf.Variable[] {
    return [...this.kg.variables, ...this.reductions.flatMap((r) => r.variables), ...this.propagation.variables];
  }

  randomState(): RngState[] {
    return [this.propagation.randomState, this.sampler.state()];
  }

  setRandomState(states: RngState[]): void {
    const [dropout, sampler] = checkedRandomState(states, 2, 'MKGAT') as [RngState, RngState];
    this.propagation.randomState = dropout;
    this.sampler.setState(sampler);
  }

  /** Every node's layer 0: ID embeddings, then each modality's reduced features (its modal entities). */
  private entities(): tf.Tensor2D {
    return tf.concat([this.kg.entityEmbeddings as tf.Tensor2D, ...this.reductions.map((r) => r.apply())], 0) as tf.Tensor2D;
  }

  /** Attention reads the extended graph's nodes: the modal entities are their reduced features. */
  protected override attentionEntities(): tf.Tensor2D {
    return this.entities();
  }

  protected rows(training: boolean): ScoringRows {
    const layers = this.propagation.forwardLayers(this.entities(), this.graph, this.currentAttention(training), training);
    return concatenatedLayerRows(layers, this.firstUserNode, this.context.numItems);
  }

  /** TransR on the batch plus on as many modal triples, sampled here, with the computed modal entities. */
  override kgLoss(batch: KgTripleBatch): tf.Scalar {
    return tf.tidy(() => {
      const entities = this.entities();
      const structural = this.kg.loss(batch, entities);
      if (this.modal.modalities.every((m) => m.owners.length === 0)) return structural;
      const size = this.options.modalBatchSize > 0 ? this.options.modalBatchSize : batch.heads.shape[0];
      return tf.add(structural, this.kg.loss(this.sampleModalTriples(size), entities)) as tf.Scalar;
    });
  }

  /**
   * Modal triples: (node, has_m, its modal entity) against another modal entity of m, or the
   * inverse (modal entity, m_of, its node) against another node with m, half and half.
   */
  private sampleModalTriples(size: number): KgTripleBatch {
    const [heads, relations, tails, negatives] = [new Int32Array(size), new Int32Array(size), new Int32Array(size), new Int32Array(size)];
    const modalities = this.modal.modalities;
    const total = modalities.reduce((sum, m) => sum + m.owners.length, 0);
    for (let k = 0; k < size; k++) {
      const [m, pick] = locate(modalities, this.sampler.int(total));
      const other = (pick + 1 + this.sampler.int(Math.max(1, m.owners.length - 1))) % m.owners.length;
      const forward = this.sampler.int(2) === 0;
      heads[k] = forward ? (m.owners[pick] as number) : m.firstNode + pick;
      relations[k] = forward ? m.relation : m.relation + 1;
      tails[k] = forward ? m.firstNode + pick : (m.owners[pick] as number);
      negatives[k] = forward ? m.firstNode + other : (m.owners[other] as number);
    }
    const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');
    return { heads: ids(heads), relations: ids(relations), tails: ids(tails), negativeTails: ids(negatives) };
  }

  /** The `k` CKG neighbours of `node` with the most attention π; modal entities are left out. */
  override async attendedNeighbours(node: number, k = 5): Promise<AttendedNeighbour[]> {
    const top = await super.attendedNeighbours(node, k + this.modal.modalities.length);
    return top.filter((n) => n.node < this.baseNodes).slice(0, k);
  }

  /** Attention π on each of `node`'s modal entities (what share of its neighbourhood they take). */
  async modalAttention(node: number): Promise<{ modality: string; weight: number }[]> {
    const all = await super.attendedNeighbours(node, Number.MAX_SAFE_INTEGER);
    return this.modal.modalities.map(({ modality, firstNode, owners }) => ({
      modality,
      weight: all.find((n) => n.node >= firstNode && n.node < firstNode + owners.length)?.weight ?? 0,
    }));
  }

  override dispose(): void {
    super.dispose();
    for (const r of this.reductions) r.dispose();
    this.propagation.dispose();
  }
}

/** The modality holding the `index`-th modal entity overall, and its position there. */
function locate(modalities: readonly ModalEntities[], index: number): [ModalEntities, number] {
  let rest = index;
  for (const m of modalities) {
    if (rest < m.owners.length) return [m, rest];
    rest -= m.owners.length;
  }
  throw new Kg4recError('INTERNAL', `MKGAT: modal entity ${index} is past the last one`);
}

/** The visual and text features, checked against the graph before anything is allocated. */
function checkedContent(context: ModelContext, numNodes: number) {
  const { visual, text } = context.content ?? {};
  if (!visual && !text)
    throw new Kg4recError('INVALID_CONFIG', 'mkgat needs visual or text features (context.content); encode them with kg4rec encode');
  if (visual) checkNodeFeatures(visual, numNodes, 'mkgat', 'visual');
  if (text) checkNodeFeatures(text, numNodes, 'mkgat', 'text');
  return { ...(visual ? { visual } : {}), ...(text ? { text } : {}) };
}
