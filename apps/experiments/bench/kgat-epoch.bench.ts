/**
 * One KGAT epoch (attention refresh + CF steps + KG steps) and one full-ranking evaluation on
 * `movielens-1m-kgat`, with the settings of the PyTorch reference in
 * `../shared/data/movielens-1m-kgat/PEER.md`, printed next to the reference's figures. Peak memory
 * is the process's maximum resident set size. Targets: an epoch no slower than the
 * reference's 216–235 s, evaluation under 3 s, peak under 1.6 GB.
 *
 *   pnpm --filter @kg4rec/experiments bench
 *   KG4REC_BENCH_BACKEND=cpu pnpm --filter @kg4rec/experiments bench
 */
import { cpus } from 'node:os';
import { type BackendChoice, initBackend } from '@kg4rec/core';
import { buildCollaborativeKg, loadDataset, modelContext, splitInteractions } from '@kg4rec/kg';
import { createModel } from '@kg4rec/models';
import { splitEvaluator, trainModel } from '@kg4rec/trainer';

const REFERENCE = { epoch: '216–235', cf: '96–101', kg: '116–136', attention: '1.5–1.7', evaluation: '2.5–3.1', peakGb: '1.60' };
const backend = (process.env.KG4REC_BENCH_BACKEND ?? 'wasm') as BackendChoice;

const info = await initBackend(backend);
const dataset = await loadDataset('movielens-1m-kgat');
const split = splitInteractions(dataset, { kind: 'given', seed: 2019, validRatio: 0 });
const ckg = buildCollaborativeKg(dataset, split.train);
const model = createModel({ name: 'kgat', options: { seed: 2019 } }, modelContext(dataset, ckg));
const { history } = await trainModel(
  model,
  { dataset, split, ckg },
  { epochs: 1, evalEvery: 0, lr: 1e-4, cfBatchSize: 1024, kgBatchSize: 2048, seed: 2019 },
);
const epoch = history[0]?.seconds ?? { attention: 0, cf: 0, kg: 0 };
model.refresh?.();
const started = performance.now();
const evaluation = await splitEvaluator(model, { dataset, split, ckg }, [20])('test');
const evaluationSeconds = (performance.now() - started) / 1000;
const peakGb = (process.resourceUsage().maxRSS * 1024) / 1e9;
model.dispose();

const total = epoch.attention + epoch.cf + epoch.kg;
const rows: Array<[string, string, string]> = [
  ['one epoch (attention + CF + KG)', total.toFixed(1), REFERENCE.epoch],
  ['  CF steps', epoch.cf.toFixed(1), REFERENCE.cf],
  ['  KG steps', epoch.kg.toFixed(1), REFERENCE.kg],
  ['  attention refresh', epoch.attention.toFixed(2), REFERENCE.attention],
  [
    `full-ranking evaluation, ${evaluation.users.length} users × ${dataset.items.size} items`,
    evaluationSeconds.toFixed(2),
    REFERENCE.evaluation,
  ],
  ['peak resident memory (GB)', peakGb.toFixed(2), REFERENCE.peakGb],
];
console.log(`\nKGAT on movielens-1m-kgat, backend ${info.name}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`(${ckg.tails.length.toLocaleString('en')} CKG edges, ${split.train.length.toLocaleString('en')} training interactions)\n`);
console.log('| measure | kg4rec (s) | PyTorch reference (s) |');
console.log('|---|---:|---:|');
for (const [measure, ours, theirs] of rows) console.log(`| ${measure} | ${ours} | ${theirs} |`);
console.log(
  `\nafter one epoch: Recall@20 ${(evaluation.means['recall@20'] ?? 0).toFixed(4)}, NDCG@20 ${(evaluation.means['ndcg@20'] ?? 0).toFixed(4)}`,
);
