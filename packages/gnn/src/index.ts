/**
 * @kg4rec/gnn: knowledge-aware graph attention and propagation over the collaborative KG
 * (method.md §4): π(h, r, t), Bi-Interaction / GCN / GraphSAGE aggregators, L layers with
 * message dropout and concatenated outputs, all sparse through `@kg4rec/core`'s kernels.
 */
export {
  type Aggregator,
  type AggregatorOptions,
  aggregators,
  BiInteractionAggregator,
  GcnAggregator,
  GraphSageAggregator,
} from './aggregators';
export { type AttentionParameters, knowledgeAwareAttention } from './attention';
export { disposeGraph, type PropagationGraph, propagationGraph, type RelationBlock } from './graph';
export { PROPAGATION_DEFAULTS, Propagation, type PropagationOptions, propagateTogether } from './propagation';
