/**
 * One training epoch (CF steps, KG steps, the per-epoch refresh) of Multi-KG4Rec against KGAT on
 * `movielens-1m-kgat` (its given split, KGAT's reference settings: batch 1,024 / 2,048, lr 1e-4),
 * each model in its own child process so that each peak resident memory is its own. Features
 * come from the store (`hash` encoders; encoded on first use). Target: Multi-KG4Rec's epoch at
 * most 2× KGAT's.
 *
 *   pnpm --filter @kg4rec/experiments bench
 *   KG4REC_BENCH_MODELS=kgat,multikg4rec,mkgat tsx --conditions=@kg4rec/source bench/multikg4rec-epoch.bench.ts
 *   KG4REC_BENCH_SET=model.options.fusionItemsPerStep=16 …   # `--set`s, comma-separated (model options: the models that have them)
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BackendName } from '@kg4rec/core';
import { modelOptionFields } from '@kg4rec/models';
import { type EpochTiming, epochSeconds, measureEpoch, perCfStep, printTiming, timeInChild } from './epoch-timing';

const backend = (process.env.KG4REC_BENCH_BACKEND ?? 'wasm') as BackendName;

/** `KG4REC_BENCH_SET`'s comma-separated `--set` assignments. */
function benchSets(): string[] {
  return (process.env.KG4REC_BENCH_SET ?? '').split(',').filter((set) => set.length > 0);
}

/** The assignments that apply to `model`: every one but model options its schema does not have. */
function setsFor(model: string): string[] {
  const keys = Object.keys(modelOptionFields(model));
  return benchSets().filter((set) => !set.startsWith('model.options.') || keys.includes(set.slice(14).split(/[.=]/)[0] as string));
}

if (process.argv[2] === '--child') {
  const model = process.argv[3] as string;
  printTiming(await measureEpoch(model, backend, setsFor(model)));
} else {
  const models = (process.env.KG4REC_BENCH_MODELS ?? 'kgat,multikg4rec').split(',');
  const self = fileURLToPath(import.meta.url);
  const timings: EpochTiming[] = [];
  for (const model of models) timings.push(await timeInChild(process.execPath, [...process.execArgv, self, '--child', model]));
  const base = timings[0] as EpochTiming;
  const sets = benchSets();
  console.log(`\nOne epoch on movielens-1m-kgat, backend ${backend}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(sets.length > 0 ? `--set ${sets.join(' --set ')}\n` : '');
  console.log(
    `| model | epoch (s) | CF steps (s) | per CF step (ms) | KG steps (s) | refresh (s) | peak memory (GB) | epoch / ${base.model} |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of timings) {
    console.log(
      `| ${t.model} | ${epochSeconds(t).toFixed(1)} | ${t.cf.toFixed(1)} | ${perCfStep(t)} | ${t.kg.toFixed(1)} | ${t.refresh.toFixed(2)} | ${t.peakGb.toFixed(2)} | ${(epochSeconds(t) / epochSeconds(base)).toFixed(2)}× |`,
    );
  }
}
