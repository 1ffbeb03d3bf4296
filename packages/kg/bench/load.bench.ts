/**
 * Cold (parse) and cached load time and peak memory of MovieLens-1M and Amazon-Book. Each load
 * runs in a fresh Node process so that its peak resident memory (maxRSS) is its own.
 * Targets: MovieLens-1M cold < 5 s, cached < 0.5 s, on the 2-core CI machines.
 *
 *   pnpm --filter @kg4rec/kg bench
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/index';

const PRESETS = ['movielens-1m', 'amazon-book'];
const REPEATS = Number(process.env.KG4REC_BENCH_REPEATS ?? 3);

/** In a child: one load, then `{ ms, maxRssMb }` on stdout. */
async function child(preset: string, cache: string): Promise<void> {
  const started = performance.now();
  await loadDataset(preset, { cache: cache === 'none' ? false : cache });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function runChild(preset: string, cache: string): { ms: number; maxRssMb: number } {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@kg4rec/source', script, '--child', preset, cache], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

function measure(preset: string, cache: string) {
  const runs = Array.from({ length: REPEATS }, () => runChild(preset, cache));
  return { ms: median(runs.map((r) => r.ms)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

function main(): void {
  const cache = mkdtempSync(join(tmpdir(), 'kg4rec-bench-cache-'));
  const rows = ['| dataset | load | time ms (median) | peak RSS MB (process) |', '|---|---|---:|---:|'];
  for (const preset of PRESETS) {
    console.error(`  ${preset} ...`);
    const cold = measure(preset, 'none');
    runChild(preset, cache); // fills the cache
    const cached = measure(preset, cache);
    rows.push(`| ${preset} | cold (parse) | ${cold.ms.toFixed(0)} | ${cold.maxRssMb.toFixed(0)} |`);
    rows.push(`| ${preset} | cached | ${cached.ms.toFixed(0)} | ${cached.maxRssMb.toFixed(0)} |`);
  }
  console.log(`\nDataset loading, median of ${REPEATS} runs, each in a fresh process, Node ${process.version}\n`);
  console.log(rows.join('\n'));
}

const [flag, preset, cache] = process.argv.slice(2);
if (flag === '--child' && preset && cache) await child(preset, cache);
else main();
