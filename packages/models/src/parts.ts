/**
 * The parts models hold in their slots, resolved through their registries: a name or
 * `{ name, options }` is created with what the model fixes (sizes from its graph) over its shared
 * settings; an instance is checked against those sizes and used as it is.
 */
import { type EdgeAttention, Kg4recError, type KgEmbedding, namedSlot, type Registry, type Slot, type SlotLayers } from '@kg4rec/core';
import { type AggregatorSlot, aggregators, attentions } from '@kg4rec/gnn';
import { kgEmbeddings } from '@kg4rec/transr';

/** What a model decides about its KG embedding: the graph's sizes and its own settings. */
export interface KgEmbeddingPlan {
  numEntities: number;
  numRelations: number;
  entityDim: number;
  relationDim: number;
  l2: number;
  seed: number;
}

/** The options a model fixes on its KG embedding (restored from the graph when it is rebuilt). */
export const KG_EMBEDDING_FIXED = ['numEntities', 'numRelations', 'entityDim'];

/**
 * Checks a named slot (its name is registered, its options pass the part's schema with what its
 * holder adds) without building it: models check every slot before they allocate anything.
 */
export function checkSlot<O>(registry: Registry<unknown, O>, slot: unknown, layers: SlotLayers<O> = {}): void {
  const named = namedSlot<O>(slot, registry.kind);
  if (named) registry.options(named.name, named.options, layers);
}

/** The layers a model puts under its KG embedding's own options. */
function kgEmbeddingLayers(plan: KgEmbeddingPlan) {
  const { numEntities, numRelations, entityDim, relationDim, l2, seed } = plan;
  return { base: { relationDim, l2, seed }, fixed: { numEntities, numRelations, entityDim } };
}

/** Checks a KG-embedding slot for the sizes and settings of `plan`, without building it. */
export function checkKgEmbeddingSlot(slot: unknown, plan: KgEmbeddingPlan): void {
  checkSlot(kgEmbeddings, slot, kgEmbeddingLayers(plan));
}

/** Checks the KG-embedding and attention slots, and the aggregator's for a first layer of `inputDim`. */
export function checkGraphSlots(
  slots: { kgEmbedding: unknown; attention: unknown; aggregator: AggregatorSlot },
  plan: KgEmbeddingPlan,
  firstLayer: { inputDim: number; outputDim: number; seed: number },
): void {
  checkKgEmbeddingSlot(slots.kgEmbedding, plan);
  checkSlot(attentions, slots.attention);
  if (!Array.isArray(slots.aggregator)) checkSlot(aggregators, slots.aggregator, { fixed: firstLayer });
}

/** The KG embedding of a slot, of the sizes `plan` gives (an instance is checked against them). */
export function resolveKgEmbedding(slot: Slot<KgEmbedding>, plan: KgEmbeddingPlan, model: string): KgEmbedding {
  const { numEntities, numRelations, entityDim } = plan;
  const kg = kgEmbeddings.resolve(slot, kgEmbeddingLayers(plan));
  const [rows, width] = kg.entityEmbeddings.shape;
  if (rows !== numEntities || width !== entityDim || kg.relationEmbeddings.shape[0] !== numRelations) {
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `${model}: the KG embedding has ${rows} × ${width} entities and ${kg.relationEmbeddings.shape[0]} relations; this graph needs ${numEntities} × ${entityDim} and ${numRelations}`,
    );
  }
  return kg;
}

/** The edge attention of a slot. */
export function resolveAttention(slot: Slot<EdgeAttention>): EdgeAttention {
  return attentions.resolve(slot);
}
