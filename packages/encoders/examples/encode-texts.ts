import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetFeatures, encodeDataset, HashTextEncoder, readFeatureTable } from '@kg4rec/encoders';
import { loadDataset } from '@kg4rec/kg';

const dataset = await loadDataset('movielens-100k'); // reads ../shared/data (or $KG4REC_DATA)
const root = mkdtempSync(join(tmpdir(), 'kg4rec-features-'));
const summary = await encodeDataset({ dataset, encoder: new HashTextEncoder(), root });
const { items, itemHas } = datasetFeatures(dataset, readFeatureTable(summary.dir));
console.log(
  summary.encoder.slice(0, 17),
  items.length / summary.dim,
  itemHas.reduce((a, b) => a + b, 0),
);
