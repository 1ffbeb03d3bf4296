/**
 * One KGAT epoch (attention refresh + CF steps + KG steps) and one full-ranking evaluation on
 * `movielens-1m-kgat`, with the settings of the PyTorch reference in
 * `../shared/data/movielens-1m-kgat/PEER.md`. Peak memory is the process's maximum resident set
 * size. Targets: evaluation under 3 s, peak under 1.6 GB. The comparison with the reference
 * itself is `pnpm bench:peer`, which runs both side by side (a figure from another day and
 * machine is no comparison).
 *
 *   pnpm --filter @kg4rec/experiments bench
 *   KG4REC_BENCH_BACKEND=cpu pnpm --filter @kg4rec/experiments bench
 */
import { cpus } from 'node:os';
import { type BackendChoice, initBackend } from '@kg4rec/core';
import { buildCollaborativeKg, loadDataset, modelContext, splitInteractions } from '@kg4rec/kg';
import { createModel } from '@kg4rec/models';
import { splitEvaluator, trainModel } from '@kg4rec/trainer';

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
  ['one epoch (attention + CF + KG), s', total.toFixed(1), ''],
  ['  CF steps, s', epoch.cf.toFixed(1), ''],
  ['  KG steps, s', epoch.kg.toFixed(1), ''],
  ['  attention refresh, s', epoch.attention.toFixed(2), ''],
  [`full-ranking evaluation, ${evaluation.users.length} users × ${dataset.items.size} items, s`, evaluationSeconds.toFixed(2), '3'],
  ['peak resident memory (GB)', peakGb.toFixed(2), '1.6'],
];
console.log(`\nKGAT on movielens-1m-kgat, backend ${info.name}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`(${ckg.tails.length.toLocaleString('en')} CKG edges, ${split.train.length.toLocaleString('en')} training interactions)\n`);
console.log('| measure | kg4rec | target (at most) |');
console.log('|---|---:|---:|');
for (const [measure, ours, target] of rows) console.log(`| ${measure} | ${ours} | ${target} |`);
console.log('\n(against the PyTorch reference, run side by side: pnpm bench:peer)');
console.log(
  `\nafter one epoch: Recall@20 ${(evaluation.means['recall@20'] ?? 0).toFixed(4)}, NDCG@20 ${(evaluation.means['ndcg@20'] ?? 0).toFixed(4)}`,
);
