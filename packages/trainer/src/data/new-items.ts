/**
 * Items added after a run trained, known by their poster and text alone, encoded as the run's own
 * content was: with the encoder its config names, fitted on the run's dataset, for each modality
 * the run's model reads. The result feeds a model's `scoreNewItems`.
 */
import { Kg4recError, type ModelContent, type NewItems } from '@kg4rec/core';
import { createEncoder, encodeNewContent } from '@kg4rec/encoders';
import type { Dataset } from '@kg4rec/kg';
import type { TrainConfig } from '../config/schema';

/** One new item's content: a poster file, a description, or both. */
export interface NewItemContent {
  /** The item's name in messages (its id, say). */
  name: string;
  poster?: string;
  text?: string;
}

const MODALITIES = [
  ['visual', 'image', 'poster'],
  ['text', 'text', 'text'],
] as const;

/** The new items' features for every modality `content` (the run's model context) holds. */
export async function encodeNewItems(
  dataset: Dataset,
  config: TrainConfig,
  content: ModelContent | undefined,
  items: readonly NewItemContent[],
): Promise<NewItems> {
  const { features } = config;
  const options = { ...(features.model ? { model: features.model } : {}), ...(features.variant ? { variant: features.variant } : {}) };
  const encoded: NewItems = { count: items.length };
  for (const [kind, modality, field] of MODALITIES) {
    if (!content?.[kind]) continue;
    const inputs = items.map((item) => {
      const input = item[field];
      if (input === undefined || input.trim() === '')
        throw new Kg4recError('INVALID_ARGUMENT', `new item '${item.name}' has no ${field}; this run's model reads ${kind} content`);
      return input;
    });
    const encoder = await createEncoder(modality, features.encoder, options);
    try {
      encoded[kind] = (await encodeNewContent({ dataset, encoder, inputs })).values;
    } finally {
      await encoder.dispose();
    }
  }
  return encoded;
}
