/**
 * The plumbing every KGAT-family model here shares: a KG embedding over the collaborative KG (its
 * slot resolved through `kgEmbeddings`), the propagation graph, the edge attention π (its slot
 * resolved through `attentions`) with its schedule, the KG loss, explanations by attention, and
 * disposal. Subclasses add their layer-0 rows and propagation (`rows`) and their own parameters.
 *
 * π starts as Σ_r D_r⁻¹A_r (each relation's edges of a head weighted 1/their number, KGAT's
 * code) and is recomputed in `refresh` (after each epoch's steps) without gradients; with
 * `attentionUpdate: 'batch'` every CF step recomputes it, with gradients.
 */
import type {
  AttendedNeighbour,
  EdgeAttention,
  KgEmbedding,
  KgTripleBatch,
  ModelContext,
  PartConfig,
  PropagationGraph,
} from '@kg4rec/core';
import { slotConfig } from '@kg4rec/core';
import { aggregatorSlotConfig, disposeGraph, propagationGraph } from '@kg4rec/gnn';
import * as tf from '@tensorflow/tfjs';
import { DotProductRecommender } from './dot-product';
import type { GraphModelOptions } from './graph-options';
import { topAttended } from './graph-rows';
import { checkGraphSlots, KG_EMBEDDING_FIXED, resolveAttention, resolveKgEmbedding } from './parts';

/** The edges a model propagates over (the CKG, or the CKG extended with nodes of its own). */
export interface GraphEdges {
  heads: Int32Array;
  tails: Int32Array;
  relations: Int32Array;
  numNodes: number;
  numRelations: number;
}

/** What a subclass hands to {@link GraphRecommender}'s constructor. */
export interface GraphRecommenderInit<O extends GraphModelOptions> {
  /** The registry name, for configs and messages. */
  name: string;
  context: ModelContext;
  options: O;
  edges: GraphEdges;
  /** Entities of the KG embedding (default: every node of `edges`). */
  kgEntities?: number;
  /** CKG node of user 0. */
  firstUserNode: number;
}

/** A dot-product recommender over the collaborative KG with a KG embedding and edge attention. */
export abstract class GraphRecommender<O extends GraphModelOptions> extends DotProductRecommender {
  readonly name: string;
  readonly context: ModelContext;
  readonly options: O;
  readonly kg: KgEmbedding;
  /** The attention part that computes π. */
  readonly edgeAttention: EdgeAttention;
  protected readonly graph: PropagationGraph;
  protected readonly firstUserNode: number;
  /** π as of the last refresh. */
  private attention: tf.Tensor1D;

  /** Checks every slot before it allocates anything, so that a bad config leaves no tensors behind. */
  protected constructor(init: GraphRecommenderInit<O>) {
    super();
    const { name, context, options, edges } = init;
    this.name = name;
    this.context = context;
    this.options = options;
    this.firstUserNode = init.firstUserNode;
    const { dim, relationDim, kgL2, seed } = options;
    const plan = {
      numEntities: init.kgEntities ?? edges.numNodes,
      numRelations: edges.numRelations,
      entityDim: dim,
      relationDim,
      l2: kgL2,
      seed,
    };
    checkGraphSlots(options, plan, { inputDim: dim, outputDim: options.layerDims[0] as number, seed: seed + 1 });
    this.kg = resolveKgEmbedding(options.kgEmbedding, plan, name);
    this.edgeAttention = resolveAttention(options.attention);
    this.graph = propagationGraph(edges.heads, edges.tails, edges.relations, edges.numNodes, edges.numRelations);
    this.attention = tf.tensor1d(this.graph.relationWiseRandomWalk);
  }

  /** The node rows attention reads (the KG embedding's entities; MKGAT adds its modal entities). */
  protected attentionEntities(): tf.Tensor2D {
    return this.kg.entityEmbeddings as tf.Tensor2D;
  }

  /** π computed now from the current parameters. */
  protected computeAttention(): tf.Tensor1D {
    return this.edgeAttention.weights(this.graph, this.attentionEntities(), this.kg);
  }

  /** The π a forward pass uses: fresh with gradients in a CF step when `attentionUpdate` is `batch`. */
  protected currentAttention(training: boolean): tf.Tensor1D {
    return this.options.attentionUpdate === 'batch' && training ? this.computeAttention() : this.attention;
  }

  /** Recomputes π (after each epoch's steps), without gradients. */
  refresh(): void {
    const fresh = tf.tidy(() => this.computeAttention());
    this.attention.dispose();
    this.attention = fresh;
  }

  protected get l2(): number {
    return this.options.l2;
  }

  /** The `k` CKG neighbours of `node` with the most attention π (for explanations). */
  attendedNeighbours(node: number, k = 5): Promise<AttendedNeighbour[]> {
    return topAttended(this.graph, this.attention, node, k);
  }

  kgLoss(batch: KgTripleBatch): tf.Scalar {
    return this.kg.loss(batch);
  }

  /** `{ name, options }` with every slot as it can be saved (an instance as its own config). */
  getConfig(): PartConfig {
    const { kgEmbedding, attention, aggregator } = this.options;
    return {
      name: this.name,
      options: {
        ...this.options,
        kgEmbedding: slotConfig(kgEmbedding, KG_EMBEDDING_FIXED),
        attention: slotConfig(attention),
        aggregator: aggregatorSlotConfig(aggregator),
      },
    };
  }

  dispose(): void {
    this.kg.dispose();
    this.attention.dispose();
    disposeGraph(this.graph);
  }
}
