/**
 * The content a multimodal model reads, as its registry spec says it needs it: each needed
 * modality's features on the collaborative KG's nodes (encoded into the feature store first if
 * they are not there: the store keeps what is already encoded, so later runs only read it) and,
 * when needed, each item's neighbour sequence.
 */
import type { ContentKind, ModelContent } from '@kg4rec/core';
import { createEncoder, datasetFeatures, encodeDataset, nodeFeatures, pretrainedAvailability, readFeatureTable } from '@kg4rec/encoders';
import { type CollaborativeKg, type Dataset, neighbourSequences } from '@kg4rec/kg';
import type { TrainConfig } from '../config/schema';

/** The encoder modality that gives each content kind's features. */
const ENCODED = [
  ['image', 'visual'],
  ['text', 'text'],
] as const;

/**
 * The encoder a config's `features.encoder` names: `auto` is `pretrained` where its models are
 * here (the MobileNet file and the word-vector package), else `hash`, said in one line.
 */
export function chosenFeatureEncoder(name: string, log: (line: string) => void = () => {}): string {
  if (name !== 'auto') return name;
  const { available, missing } = pretrainedAvailability();
  if (available) return 'pretrained';
  log(`features: the pretrained encoders are not available here (${missing.join('; ')}); using the weight-free hash encoders`);
  return 'hash';
}

/** Encodes (or reuses) the needed modalities' features and builds the sequences if needed. */
export async function loadRunContent(
  dataset: Dataset,
  ckg: CollaborativeKg,
  config: TrainConfig,
  needs: readonly ContentKind[],
  log: (line: string) => void = () => {},
): Promise<ModelContent> {
  const { features } = config;
  const options = { ...(features.model ? { model: features.model } : {}), ...(features.variant ? { variant: features.variant } : {}) };
  const content: ModelContent = {};
  for (const [modality, kind] of ENCODED) {
    if (!needs.includes(kind)) continue;
    const encoder = await createEncoder(modality, features.encoder, options);
    try {
      const summary = await encodeDataset({ dataset, encoder, ...(features.root ? { root: features.root } : {}) });
      log(
        `features: ${modality} ${summary.encoder}, ${summary.rows} rows (${summary.encoded} encoded now, ${summary.reused} from the store)`,
      );
      if (summary.keptStored) log(`features: no ${modality} input could be found or read here; the stored table was used as it is`);
      content[kind] = nodeFeatures(datasetFeatures(dataset, readFeatureTable(summary.dir)), ckg);
    } finally {
      await encoder.dispose();
    }
  }
  if (needs.includes('sequences'))
    content.sequences = neighbourSequences(ckg, { length: features.sequenceLength, maxHops: features.maxHops });
  return content;
}
