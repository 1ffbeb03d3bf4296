/**
 * The content a multimodal model reads: each modality's features on the collaborative KG's nodes
 * (encoded into the feature store first if they are not there: the store keeps what is already
 * encoded, so later runs only read it) and each item's neighbour sequence.
 */
import { createEncoder, datasetFeatures, encodeDataset, nodeFeatures, readFeatureTable } from '@kg4rec/encoders';
import { type CollaborativeKg, type Dataset, neighbourSequences } from '@kg4rec/kg';
import type { ModelContent } from '@kg4rec/models';
import type { TrainConfig } from './train-config';

/** Models that read modality features and neighbour sequences. */
export const MULTIMODAL_MODELS: ReadonlySet<string> = new Set(['multikg4rec', 'mkgat']);

/** Encodes (or reuses) both modalities' features and builds the sequences. */
export async function loadRunContent(
  dataset: Dataset,
  ckg: CollaborativeKg,
  config: TrainConfig,
  log: (line: string) => void = () => {},
): Promise<ModelContent> {
  const { features } = config;
  const options = { ...(features.model ? { model: features.model } : {}), ...(features.variant ? { variant: features.variant } : {}) };
  const content: ModelContent = {};
  for (const modality of ['image', 'text'] as const) {
    const encoder = await createEncoder(modality, features.encoder, options);
    try {
      const summary = await encodeDataset({ dataset, encoder, ...(features.root ? { root: features.root } : {}) });
      log(
        `features: ${modality} ${summary.encoder}, ${summary.rows} rows (${summary.encoded} encoded now, ${summary.reused} from the store)`,
      );
      if (summary.keptStored) log(`features: no ${modality} input could be found or read here; the stored table was used as it is`);
      const matrix = nodeFeatures(datasetFeatures(dataset, readFeatureTable(summary.dir)), ckg);
      content[modality === 'image' ? 'visual' : 'text'] = matrix;
    } finally {
      await encoder.dispose();
    }
  }
  const sequences = neighbourSequences(ckg, { length: features.sequenceLength, maxHops: features.maxHops });
  content.sequences = { length: sequences.length, nodes: sequences.nodes, mask: sequences.mask };
  return content;
}
