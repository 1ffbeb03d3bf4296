/**
 * Encoding throughput and peak memory: texts/s and images/s of the weight-free fallback and of
 * tiny CLIP-signature ONNX models (tokenizer, preprocessing and onnxruntime-node overheads, not
 * CLIP ViT-B/32's compute), on MovieLens-1M's descriptions and posters. Each case runs in a fresh
 * Node process so that its peak resident memory is its own.
 *
 *   pnpm --filter @kg4rec/encoders bench
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataRoot, sharedRoot } from '@kg4rec/kg';
import { HashImageEncoder, HashTextEncoder, loadClipImage, loadClipText, OPENAI_BPE_FILE, preprocessImage } from '../src/index';
import { writeTinyClipFolder } from '../src/testing/index';
import type { ImageEncoder, TextEncoder } from '../src/types';

const TEXTS = Number(process.env.KG4REC_BENCH_TEXTS ?? 2000);
const IMAGES = Number(process.env.KG4REC_BENCH_IMAGES ?? 500);
const BATCH = 32;
const CASES = ['hash text', 'tiny-onnx text', 'preprocess only', 'hash image', 'tiny-onnx image'] as const;
type Case = (typeof CASES)[number];

const movielens = () => join(dataRoot(), 'movielens-1m');
const texts = () =>
  Object.values(JSON.parse(readFileSync(join(movielens(), 'text', 'llm_item_descriptions.json'), 'utf8')) as Record<string, string>)
    .filter(Boolean)
    .slice(0, TEXTS);
const posters = () =>
  readdirSync(join(movielens(), 'posters'))
    .sort()
    .slice(0, IMAGES)
    .map((f) => join(movielens(), 'posters', f));

async function encodeTexts(encoder: TextEncoder, inputs: readonly string[]): Promise<void> {
  for (let at = 0; at < inputs.length; at += BATCH) await encoder.encode(inputs.slice(at, at + BATCH));
}

async function encodeImages(encoder: ImageEncoder | undefined, files: readonly string[]): Promise<void> {
  for (let at = 0; at < files.length; at += BATCH) {
    const images = await Promise.all(files.slice(at, at + BATCH).map((file) => preprocessImage(file)));
    if (encoder) await encoder.encode(images);
  }
}

/** In a child: one case, then `{ items, seconds, maxRssMb }` on stdout. */
async function child(name: Case): Promise<void> {
  const model = mkdtempSync(join(tmpdir(), 'kg4rec-bench-clip-'));
  writeTinyClipFolder(model, join(sharedRoot(), 'models', 'clip-bpe', OPENAI_BPE_FILE));
  const inputs = name.endsWith('text') ? texts() : posters();
  const started = performance.now();
  if (name === 'hash text') await encodeTexts(new HashTextEncoder().fit(inputs), inputs);
  else if (name === 'tiny-onnx text') await encodeTexts(await loadClipText(model), inputs);
  else if (name === 'preprocess only') await encodeImages(undefined, inputs);
  else if (name === 'hash image') await encodeImages(new HashImageEncoder(), inputs);
  else await encodeImages(await loadClipImage(model), inputs);
  const seconds = (performance.now() - started) / 1000;
  rmSync(model, { recursive: true, force: true });
  console.log(JSON.stringify({ items: inputs.length, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function runChild(name: Case): { items: number; seconds: number; maxRssMb: number } {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@kg4rec/source', script, '--child', name], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

function main(): void {
  const rows = ['| case | inputs | seconds | per second | peak RSS MB (process) |', '|---|---:|---:|---:|---:|'];
  for (const name of CASES) {
    console.error(`  ${name} ...`);
    const r = runChild(name);
    const unit = name.endsWith('text') ? 'texts/s' : 'images/s';
    rows.push(
      `| ${name} | ${r.items} | ${r.seconds.toFixed(2)} | ${(r.items / r.seconds).toFixed(1)} ${unit} | ${r.maxRssMb.toFixed(0)} |`,
    );
  }
  console.log(rows.join('\n'));
  console.log(
    `\nbatch ${BATCH}; tiny-onnx = the test models of @kg4rec/encoders/testing (embedding-sum text tower, 32×32 patch vision tower); the load of each model (tokenizer, session) is inside its time.`,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3] as Case);
else main();
