/**
 * What a run trains and evaluates on, rebuilt from its config alone: the dataset, the split (kind,
 * seed and validation share from the config), the collaborative KG of the training rows and the
 * model context, with the content the model's registry spec says it needs. Training and every
 * later look at a saved run share it, so a saved run is evaluated on exactly its split.
 */
import { buildCollaborativeKg, modelContext, splitInteractions } from '@kg4rec/kg';
import { createModel, type ModelContext, modelNeeds } from '@kg4rec/models';
import { splitKind, type TrainConfig } from '../config/schema';
import type { TrainData } from '../engine/train';
import { loadSource } from './load-source';
import { chosenFeatureEncoder, loadRunContent } from './run-content';

/**
 * The data of a run, its model context, a factory for its model, and the config as run (its
 * `features.encoder` made concrete where it said `auto`).
 */
export async function loadRunData(config: TrainConfig, log: (line: string) => void = () => {}) {
  const dataset = await loadSource(config.dataset, config.format, 'lenient');
  const kind = splitKind(config.split) ?? (dataset.interactions.given ? 'given' : 'random');
  const split = splitInteractions(dataset, { kind, seed: config.seed, validRatio: config.validRatio, coldItems: config.coldItems });
  const ckg = buildCollaborativeKg(dataset, split.train);
  const needs = modelNeeds(config.model).content;
  const ran =
    needs.length > 0
      ? { ...config, features: { ...config.features, encoder: chosenFeatureEncoder(config.features.encoder, log) } }
      : config;
  const content = needs.length > 0 ? await loadRunContent(dataset, ckg, ran, needs, log) : undefined;
  const context: ModelContext = { ...modelContext(dataset, ckg), ...(content ? { content } : {}) };
  const data: TrainData = { dataset, split, ckg };
  return { config: ran, data, context, createRunModel: (ctx: ModelContext) => createModel(ran.model, ctx) };
}
