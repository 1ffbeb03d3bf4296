/**
 * Full-ranking evaluation at the sizes of MovieLens-1M (6,040 users × 3,260 items, scores
 * precomputed) and Amazon-Book (70,679 × 24,915, scored in batches by a cheap hash so that the
 * scorer costs little), with their numbers of training and test interactions drawn at random.
 * Each case runs in a fresh Node process, so its peak RSS is its own. Targets:
 * MovieLens-1M well under a second; Amazon-Book under 1 GB.
 *
 *   pnpm --filter @kg4rec/metrics bench
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Rng } from '@kg4rec/core';
import { evaluateFullRanking, type Scorer, userItems } from '../src/index';

const CASES = {
  'movielens-1m': { users: 6_040, items: 3_260, train: 801_218, test: 197_321, precomputed: true },
  'amazon-book': { users: 70_679, items: 24_915, train: 652_514, test: 193_920, precomputed: false },
} as const;
type CaseName = keyof typeof CASES;

function randomPairs(rng: Rng, count: number, users: number, items: number) {
  const u = new Int32Array(count);
  const i = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    u[k] = rng.int(users);
    i[k] = rng.int(items);
  }
  return userItems(users, u, i);
}

/** A deterministic pseudo-random score in [0, 1) from (user, item): cheap enough for 1.76 billion calls. */
function hashScore(user: number, item: number): number {
  let h = Math.imul(user, 0x9e3779b1) ^ Math.imul(item, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 12)) >>> 0) / 4294967296;
}

function makeScorer(name: CaseName): Scorer {
  const { users, items, precomputed } = CASES[name];
  const hashed = (batch: Int32Array): Float32Array => {
    const scores = new Float32Array(batch.length * items);
    batch.forEach((user, row) => {
      for (let item = 0; item < items; item++) scores[row * items + item] = hashScore(user, item);
    });
    return scores;
  };
  if (!precomputed) return hashed;
  const all = hashed(Int32Array.from({ length: users }, (_, u) => u));
  return (batch) => {
    const out = new Float32Array(batch.length * items);
    batch.forEach((user, row) => {
      out.set(all.subarray(user * items, (user + 1) * items), row * items);
    });
    return out;
  };
}

async function child(name: CaseName): Promise<void> {
  const spec = CASES[name];
  const rng = new Rng(1);
  const train = randomPairs(rng, spec.train, spec.users, spec.items);
  const test = randomPairs(rng, spec.test, spec.users, spec.items);
  const score = makeScorer(name);
  const started = performance.now();
  const result = await evaluateFullRanking({ numItems: spec.items, score, relevant: test, train, ks: [10, 20], batchSize: 1024 });
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, users: result.users.length, recall: result.means['recall@20'] }),
  );
}

function main(): void {
  const script = fileURLToPath(import.meta.url);
  const rows = ['| case | users × items | scores | evaluate ms | peak RSS MB (process) |', '|---|---|---|---:|---:|'];
  for (const name of Object.keys(CASES) as CaseName[]) {
    console.error(`  ${name} ...`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@kg4rec/source', script, '--child', name], {
      encoding: 'utf8',
    });
    const run = JSON.parse(out.trim().split('\n').at(-1) as string) as { ms: number; maxRssMb: number };
    const spec = CASES[name];
    const scores = spec.precomputed ? 'precomputed' : 'hash scorer, batches of 1,024 users';
    rows.push(
      `| ${name} | ${spec.users.toLocaleString('en')} × ${spec.items.toLocaleString('en')} | ${scores} | ${run.ms.toFixed(0)} | ${run.maxRssMb.toFixed(0)} |`,
    );
  }
  console.log(`\nFull-ranking evaluation (k = 10, 20; six metrics, groups, beyond-accuracy), Node ${process.version}\n`);
  console.log(rows.join('\n'));
}

const [flag, name] = process.argv.slice(2);
if (flag === '--child' && name && name in CASES) await child(name as CaseName);
else main();
