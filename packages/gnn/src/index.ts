/**
 * @kg4rec/gnn: knowledge-aware graph attention and propagation over the collaborative KG
 * (docs/method.md §4): the `attentions` and `aggregators` registries (π(h, r, t), uniform;
 * Bi-Interaction / GCN / GraphSAGE), and L layers with message dropout and concatenated outputs,
 * all sparse through `@kg4rec/core`'s kernels. The interfaces (`Aggregator`, `EdgeAttention`,
 * `PropagationGraph`) are core's.
 */
export type { Aggregator, EdgeAttention, PropagationGraph, RelationBlock } from '@kg4rec/core';
export {
  AGGREGATOR_DEFAULTS,
  AGGREGATOR_OPTIONS,
  type AggregatorOptions,
  type AggregatorSlotOptions,
  aggregators,
  BiInteractionAggregator,
  GcnAggregator,
  GraphSageAggregator,
} from './aggregators';
export {
  type AttentionOptions,
  attentions,
  KnowledgeAwareAttention,
  knowledgeAwareAttention,
  projectionSpace,
  UniformAttention,
} from './attention';
export { disposeGraph, propagationGraph } from './graph';
export {
  type AggregatorSlot,
  aggregatorSlotConfig,
  aggregatorSlotSchema,
  layerDimsSchema,
  PROPAGATION_DEFAULTS,
  PROPAGATION_OPTIONS,
  Propagation,
  type PropagationOptions,
  propagateTogether,
} from './propagation';
