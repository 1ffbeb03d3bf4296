/**
 * One training epoch (CF steps, KG steps, the per-epoch refresh) of Multi-KG4Rec against KGAT on
 * `movielens-1m-kgat` (its given split, KGAT's reference settings: batch 1,024 / 2,048, lr 1e-4),
 * each model in its own child process so that each peak resident memory is its own. Features
 * come from the store (`hash` encoders; encoded on first use). Target (issue #7): Multi-KG4Rec's
 * epoch at most 2× KGAT's.
 *
 *   pnpm --filter @kg4rec/trainer bench
 *   KG4REC_BENCH_MODELS=kgat,multikg4rec,mkgat tsx --conditions=@kg4rec/source bench/multikg4rec-epoch.bench.ts
 *   KG4REC_BENCH_SET=model.options.fusionItemsPerStep=16 …   # `--set`s for every model, comma-separated
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@kg4rec/core';
import { loadRunData } from '../src/commands/run-data';
import { resolveTrainConfig } from '../src/commands/train-config';
import { trainModel } from '../src/engine/train';

interface EpochTiming {
  model: string;
  cf: number;
  kg: number;
  refresh: number;
  cfSteps: number;
  peakGb: number;
}

const backend = process.env.KG4REC_BENCH_BACKEND ?? 'wasm';

/** `KG4REC_BENCH_SET`'s comma-separated `--set` assignments, applied to every model. */
function benchSets(): string[] {
  return (process.env.KG4REC_BENCH_SET ?? '').split(',').filter((set) => set.length > 0);
}

/** Child mode: one epoch of `model`, printed as one JSON line. */
async function measure(model: string): Promise<EpochTiming> {
  await initBackend(backend as 'wasm');
  const config = resolveTrainConfig(undefined, { dataset: 'movielens-1m-kgat', model: { name: model }, epochs: 1 }, [
    'split=given',
    'validRatio=0',
    'evalEvery=0',
    'lr=0.0001',
    'seed=2019',
    'model.options.seed=2019',
    ...benchSets(),
  ]);
  const { data, context, createRunModel } = await loadRunData(config);
  const recommender = createRunModel(context);
  let cfSteps = 0;
  const { history } = await trainModel(recommender, data, config, {
    onProgress: (p) => {
      if (p.phase === 'cf') cfSteps = p.steps;
    },
  });
  recommender.dispose();
  const seconds = history[0]?.seconds ?? { attention: 0, cf: 0, kg: 0 };
  return {
    model,
    cf: seconds.cf,
    kg: seconds.kg,
    refresh: seconds.attention,
    cfSteps,
    peakGb: (process.resourceUsage().maxRSS * 1024) / 1e9,
  };
}

if (process.argv[2] === '--child') {
  console.log(`RESULT ${JSON.stringify(await measure(process.argv[3] as string))}`);
} else {
  const models = (process.env.KG4REC_BENCH_MODELS ?? 'kgat,multikg4rec').split(',');
  const self = fileURLToPath(import.meta.url);
  const timings = models.map((model) => {
    const output = execFileSync(process.execPath, [...process.execArgv, self, '--child', model], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = output.split('\n').find((l) => l.startsWith('RESULT ')) as string;
    return JSON.parse(line.slice('RESULT '.length)) as EpochTiming;
  });
  const base = timings[0] as EpochTiming;
  const total = (t: EpochTiming) => t.cf + t.kg + t.refresh;
  const sets = benchSets();
  console.log(`\nOne epoch on movielens-1m-kgat, backend ${backend}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(sets.length > 0 ? `--set ${sets.join(' --set ')}\n` : '');
  console.log(
    `| model | epoch (s) | CF steps (s) | per CF step (ms) | KG steps (s) | refresh (s) | peak memory (GB) | epoch / ${base.model} |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of timings) {
    const perStep = t.cfSteps > 0 ? ((1000 * t.cf) / t.cfSteps).toFixed(0) : '—';
    console.log(
      `| ${t.model} | ${total(t).toFixed(1)} | ${t.cf.toFixed(1)} | ${perStep} | ${t.kg.toFixed(1)} | ${t.refresh.toFixed(2)} | ${t.peakGb.toFixed(2)} | ${(total(t) / total(base)).toFixed(2)}× |`,
    );
  }
}
