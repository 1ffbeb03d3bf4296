/**
 * KGAT in kg4rec and the PyTorch reference side by side: both started at the same moment on the
 * same KGAT-format dataset, with the same settings (configs/runs/kgat-ml1m-peer.yaml: the
 * dataset's own split, Adam lr 1e-4, batches 1,024 / 2,048, L2 1e-5, seed 2019) and the same
 * thread count, for the same epochs. Prints per epoch the CF, KG and attention seconds of each
 * and the ratio of the epochs, each process's peak memory and wall time, and test Recall@20 /
 * NDCG@20 after the last epoch. The reference is `../shared/peers/run-kgat-pytorch.sh` (a
 * measuring tool beside the data; `$KG4REC_PEERS` overrides its folder); it needs Debian's
 * PyTorch, which this script does not install.
 *
 *   pnpm bench:peer                                   # movielens-1m-kgat, 2 epochs, 1 thread
 *   pnpm bench:peer --dataset movielens-1m-kgat --epochs 3 --threads 1
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataRoot } from '@kg4rec/kg';
import { parseReferenceLog, parseRunMetrics } from '../src/peer/logs';
import { type ProcessCost, peerTable } from '../src/peer/table';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'movielens-1m-kgat' },
    epochs: { type: 'string', default: '2' },
    threads: { type: 'string', default: '1' },
  },
  strict: true,
});
const epochs = Number(values.epochs);
const threads = Number(values.threads);
const data = isAbsolute(values.dataset) || values.dataset.startsWith('.') ? resolve(values.dataset) : join(dataRoot(), values.dataset);
const peers = process.env.KG4REC_PEERS ?? join(dirname(dataRoot()), 'peers');
const reference = join(peers, 'run-kgat-pytorch.sh');
const config = join(import.meta.dirname, '..', 'configs', 'runs', 'kgat-ml1m-peer.yaml');
const root = join(import.meta.dirname, '..', '..', '..');

if (!existsSync(reference)) {
  console.error(`bench:peer: ${reference} is not here (set KG4REC_PEERS to the folder that holds run-kgat-pytorch.sh)`);
  process.exit(2);
}
if (spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) {
  console.error(
    "bench:peer: PyTorch is not installed for /usr/bin/python3. Install Debian's (as root):\n" +
      '  apt-get install -y python3-torch python3-numpy python3-scipy python3-sklearn python3-pandas python3-tqdm',
  );
  process.exit(2);
}
for (const file of ['train.txt', 'test.txt', 'kg_final.txt'])
  if (!existsSync(join(data, file))) {
    console.error(`bench:peer: ${join(data, file)} is missing: the reference reads a KGAT-format folder`);
    process.exit(2);
  }

const work = mkdtempSync(join(tmpdir(), 'kg4rec-peer-'));
const threadEnv = {
  OMP_NUM_THREADS: String(threads),
  OPENBLAS_NUM_THREADS: String(threads),
  MKL_NUM_THREADS: String(threads),
  THREADS: String(threads),
};

/** Runs `command` under GNU time for its peak memory; resolves with its cost once it exits 0. */
function measured(name: string, command: string[]): Promise<ProcessCost> {
  const rss = join(work, `${name}.rss`);
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rss, ...command], {
      cwd: root,
      env: { ...process.env, ...threadEnv },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err = (err + String(chunk)).slice(-4000);
    });
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return fail(new Error(`${name} exited ${code}:\n${err}`));
      const kb = Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1));
      done({ wallSeconds, ...(Number.isFinite(kb) ? { peakGb: (kb * 1024) / 1e9 } : {}) });
    });
  });
}

const ours = join(work, 'kg4rec-run');
const referenceOut = join(work, 'reference');
console.error(`bench:peer: ${epochs} epochs of KGAT on ${data}, both at once, ${threads} thread(s) each; scratch ${work}`);
const [ourCost, theirCost] = await Promise.all([
  measured('kg4rec', [
    'pnpm',
    'kg4rec',
    'train',
    '--config',
    config,
    '--dataset',
    data,
    '--backend',
    'wasm',
    '--set',
    `epochs=${epochs}`,
    '--out',
    ours,
  ]),
  measured('reference', ['bash', '-c', `mkdir -p "${referenceOut}" && bash "${reference}" "${data}" ${epochs} "${referenceOut}"`]),
]);
const ourReport = parseRunMetrics(readFileSync(join(ours, 'metrics.jsonl'), 'utf8'), join(ours, 'metrics.jsonl'));
const theirReport = parseReferenceLog(readFileSync(join(referenceOut, 'kgat-pytorch.log'), 'utf8'));
const date = new Date().toISOString().slice(0, 10);
console.log(
  `\nKGAT side by side on ${values.dataset}: ${cpus().length}-core ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${date}`,
);
console.log(`kg4rec on wasm (one thread: its kernels are single-threaded); reference KGAT-pytorch with ${threads} thread(s); seconds\n`);
for (const line of peerTable(ourReport, theirReport, { ours: ourCost, theirs: theirCost })) console.log(line);
rmSync(work, { recursive: true, force: true });
