/**
 * What a run trains and evaluates on, rebuilt from its config alone: the dataset, the split (kind,
 * seed and validation share from the config), the collaborative KG of the training rows and the
 * model context. `kg4rec train` and `kg4rec evaluate` share it, so a saved run is evaluated on
 * exactly the split it was trained on.
 */
import { buildCollaborativeKg, modelContext, splitInteractions } from '@kg4rec/kg';
import { createModel, type ModelContext } from '@kg4rec/models';
import type { TrainData } from '../engine/train';
import { loadSource } from './data';
import { loadRunContent, MULTIMODAL_MODELS } from './run-content';
import { splitKind, type TrainConfig } from './train-config';

/** The data of a run and a factory for its model. */
export async function loadRunData(config: TrainConfig, log: (line: string) => void = () => {}) {
  const dataset = await loadSource(config.dataset, config.format, 'lenient');
  const kind = splitKind(config.split) ?? (dataset.interactions.given ? 'given' : 'random');
  const split = splitInteractions(dataset, { kind, seed: config.seed, validRatio: config.validRatio });
  const ckg = buildCollaborativeKg(dataset, split.train);
  const content = MULTIMODAL_MODELS.has(config.model.name) ? await loadRunContent(dataset, ckg, config, log) : undefined;
  const context: ModelContext = { ...modelContext(dataset, ckg), ...(content ? { content } : {}) };
  const data: TrainData = { dataset, split, ckg };
  return { data, context, createRunModel: (ctx: ModelContext) => createModel(config.model, ctx) };
}
