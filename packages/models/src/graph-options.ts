/**
 * Options every KGAT-family model here shares (KGAT, the MKGAT-style baseline, Multi-KG4Rec):
 * sizes, the parts in their slots (KG embedding, attention, aggregator), losses and seed, as a
 * zod schema each model extends.
 */
import { type EdgeAttention, type KgEmbedding, slotSchema, z } from '@kg4rec/core';
import { aggregatorSlotSchema, layerDimsSchema } from '@kg4rec/gnn';

const size = z.number().int().min(1);
const weight = z.number().min(0);

/** The fields of {@link GraphModelOptions}, for each model's schema to extend. */
export const GRAPH_MODEL_FIELDS = {
  dim: size.describe('Entity (and user) embedding size d. Default 64.'),
  relationDim: size.describe('Relation embedding size k of the KG embedding. Default 64.'),
  layerDims: layerDimsSchema.describe('Output sizes of the propagation layers. Default [64, 32, 16].'),
  kgEmbedding: slotSchema<KgEmbedding>('KG embedding').describe(
    "The KG embedding (kgEmbeddings registry): a name, { name, options } or an instance. Default 'transr'.",
  ),
  attention: slotSchema<EdgeAttention>('attention').describe(
    "The edge attention π (attentions registry): a name, { name, options } or an instance. Default 'knowledge-aware'.",
  ),
  attentionUpdate: z
    .enum(['epoch', 'batch'])
    .describe("When π is recomputed: once per epoch without gradients (KGAT's code) or in every CF step. Default 'epoch'."),
  aggregator: aggregatorSlotSchema.describe('The propagation aggregator (aggregators registry): a name or { name, options }.'),
  dropout: z.number().min(0).lt(1).describe('Message dropout of the propagation. Default 0.1.'),
  l2: weight.describe('L2 weight λ of the CF loss. Default 1e-5.'),
  kgL2: weight.describe('L2 weight of the KG loss. Default 1e-5.'),
  seed: z.number().int().describe('Seed of every initialisation and dropout mask. Default 2025.'),
};

/** The schema of {@link GraphModelOptions}. */
export const GRAPH_MODEL_OPTIONS = z.object(GRAPH_MODEL_FIELDS).strict();

/** Options every KGAT-family model here shares (see {@link GRAPH_MODEL_OPTIONS}). */
export type GraphModelOptions = z.output<typeof GRAPH_MODEL_OPTIONS>;

/** The defaults of {@link GraphModelOptions} but the aggregator (KGAT's settings). */
export const GRAPH_MODEL_DEFAULTS: Omit<GraphModelOptions, 'aggregator'> = {
  dim: 64,
  relationDim: 64,
  layerDims: [64, 32, 16],
  kgEmbedding: { name: 'transr' },
  attention: { name: 'knowledge-aware' },
  attentionUpdate: 'epoch',
  dropout: 0.1,
  l2: 1e-5,
  kgL2: 1e-5,
  seed: 2025,
};
