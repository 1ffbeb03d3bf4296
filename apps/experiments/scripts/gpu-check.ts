/**
 * The GPU check that `scripts/gpu-check.sh` runs (bundled, with a carried Node) on a borrowed
 * GPU machine: it makes `webgpu` current and refuses a software adapter, runs the parity suite
 * (every kernel against float64 references and finite differences; every model's losses, one
 * Adam step and its scores against `cpu`), then times one KGAT and one Multi-KG4Rec epoch on
 * `movielens-1m-kgat` on `webgpu` and on `wasm`, and prints the tables. Exits 1 if a check fails,
 * 2 on a software adapter.
 *
 *   KG4REC_GPU_CHECK_ALLOW_SOFTWARE=1   accept lavapipe (a dry run of the plumbing here)
 *   KG4REC_GPU_CHECK_TIMING=0           skip the epoch timings
 *   KG4REC_GPU_CHECK_DATASET=<preset>   time on another dataset (default movielens-1m-kgat)
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type BackendName, checkKernels, initBackend } from '@kg4rec/core';
import { compareWithCpu, PARITY_TOLERANCE, parityCases } from '@kg4rec/models/testing';
import { type EpochTiming, epochSeconds, measureEpoch, perCfStep, printTiming, timeInChild } from '../bench/epoch-timing';

const dataset = process.env.KG4REC_GPU_CHECK_DATASET ?? 'movielens-1m-kgat';
const e = (value: number | undefined) => (value === undefined ? '—' : value.toExponential(1));

/** The adapter, or exit 2 when it is a software renderer (unless allowed). */
async function gpuAdapter(): Promise<string> {
  const info = await initBackend('webgpu');
  const adapter = String(info.details.adapter);
  if (info.details.software === true && process.env.KG4REC_GPU_CHECK_ALLOW_SOFTWARE !== '1') {
    console.error(
      `GPU CHECK FAILED: WebGPU runs on a software adapter (${adapter}), not the GPU. Is the NVIDIA Vulkan ICD visible (VK_DRIVER_FILES)?`,
    );
    process.exit(2);
  }
  return adapter;
}

async function kernelTable(): Promise<number> {
  await initBackend('webgpu');
  console.log('\n| kernel (webgpu) | forward rel. error | gradient rel. error | result |\n|---|---:|---:|---|');
  let failures = 0;
  for (const check of await checkKernels()) {
    console.log(`| ${check.op} | ${e(check.forwardError)} | ${e(check.gradientError)} | ${check.ok ? 'ok' : 'FAILED'} |`);
    if (!check.ok) failures++;
  }
  return failures;
}

async function parityTable(): Promise<number> {
  const t = PARITY_TOLERANCE;
  console.log(`\n| model | options | CF loss | KG loss | weights after a step | scores | leaked | result |`);
  console.log(`|---|---|---:|---:|---:|---:|---:|---|`);
  console.log(`| tolerance | | ${e(t.loss)} | ${e(t.loss)} | ${e(t.weights)} | ${e(t.scores)} | 0 | |`);
  let failures = 0;
  for (const [name, extra] of parityCases()) {
    const row = await compareWithCpu(name, extra);
    console.log(
      `| ${row.model} | ${row.options} | ${e(row.cfLoss)} | ${e(row.kgLoss)} | ${e(row.weights)} | ${e(row.scores)} | ${row.leaked} | ${row.ok ? 'ok' : 'FAILED'} |`,
    );
    if (!row.ok) failures++;
  }
  return failures;
}

function timingRow(t: EpochTiming): string {
  return `| ${t.model} | ${t.backend} | ${epochSeconds(t).toFixed(1)} | ${t.cf.toFixed(1)} | ${perCfStep(t)} | ${t.kg.toFixed(1)} | ${t.refresh.toFixed(2)} | ${t.peakGb.toFixed(2)} |`;
}

/**
 * wasm's two epochs side by side (one thread each), the GPU's one after the other; each row is
 * printed as soon as it is measured, so that a run cut short by the device's time limit still
 * shows what finished. Then the wasm / webgpu ratios.
 */
async function timings(): Promise<void> {
  console.log(`\nOne epoch on ${dataset}, ${cpus()[0]?.model ?? 'unknown CPU'} (wasm: one thread), Node ${process.version}`);
  console.log('| model | backend | epoch (s) | CF steps (s) | per CF step (ms) | KG steps (s) | refresh (s) | peak memory (GB) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  const self = fileURLToPath(import.meta.url);
  const child = async (model: string, backend: BackendName) => {
    const timing = await timeInChild(process.execPath, [...process.execArgv, self, '--child', model, backend]);
    console.log(timingRow(timing));
    return timing;
  };
  const onWasm = Promise.all([child('kgat', 'wasm'), child('multikg4rec', 'wasm')]);
  const onGpu = [await child('kgat', 'webgpu'), await child('multikg4rec', 'webgpu')];
  const wasm = await onWasm;
  for (const gpu of onGpu) {
    const base = wasm.find((w) => w.model === gpu.model) as EpochTiming;
    console.log(`${gpu.model}: webgpu ${(epochSeconds(base) / epochSeconds(gpu)).toFixed(2)}× faster than wasm`);
  }
  const [kgat, multi] = onGpu as [EpochTiming, EpochTiming];
  console.log(`on webgpu, Multi-KG4Rec's epoch / KGAT's: ${(epochSeconds(multi) / epochSeconds(kgat)).toFixed(2)}× (target: at most 2×)`);
}

if (process.argv[2] === '--child') {
  printTiming(await measureEpoch(process.argv[3] as string, process.argv[4] as BackendName, [], dataset));
} else {
  const started = performance.now();
  const adapter = await gpuAdapter();
  console.log(`webgpu adapter: ${adapter}`);
  const failures = (await kernelTable()) + (await parityTable());
  console.log(`\nparity: ${failures === 0 ? 'all passed' : `${failures} FAILED`} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  if (process.env.KG4REC_GPU_CHECK_TIMING !== '0') await timings();
  console.log(`\ngpu check done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exit(failures === 0 ? 0 : 1);
}
