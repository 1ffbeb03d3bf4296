import { BACKEND_NAMES, type BackendName, checkKernels, initBackend, type KernelCheck, probeBackends } from '@kg4rec/core';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';

/** Options of {@link backendsCommand}. */
export interface BackendsOptions {
  /** Also check kg4rec's kernels against float64 references on every backend that loads. */
  check: boolean;
}

/**
 * `kg4rec backends [--check]`: which tensor backends load here and why not, which one `auto`
 * picks, and (with --check) whether the sparse kernels give correct values and gradients on each.
 * Returns the exit code: 1 when a kernel check fails.
 */
export async function backendsCommand(options: BackendsOptions, io: Output): Promise<number> {
  const attempts = await probeBackends();
  io.out('| backend | loads | details, or why not |');
  io.out('|---|---|---|');
  for (const attempt of attempts) {
    const about = attempt.ok ? describe(attempt.details ?? {}) : whyNot(attempt.message);
    io.out(`| ${attempt.name} | ${attempt.ok ? 'yes' : 'no'} | ${about} |`);
  }
  const auto = await initBackend('auto');
  io.out('');
  io.out(`auto: ${auto.name}, ${auto.reason.split('; faster backends passed over')[0]}`);
  // A backend that loads but that auto passed over (a software GPU adapter): say why.
  const loads = new Set(attempts.filter((a) => a.ok).map((a) => a.name));
  for (const passed of auto.tried.filter((t) => !t.ok && loads.has(t.name))) io.out(`  passed over ${passed.name}: ${passed.message}`);
  if (!options.check) return 0;
  const loaded = attempts.filter((a) => a.ok).map((a) => a.name);
  const failures = await checkBackends(loaded, io);
  io.out('');
  io.out(failures === 0 ? 'all kernel checks passed' : `${failures} kernel check(s) failed`);
  return failures === 0 ? 0 : 1;
}

async function checkBackends(backends: BackendName[], io: Output): Promise<number> {
  io.out('');
  io.out('| backend | op | forward rel. error | gradient rel. error vs finite differences | result |');
  io.out('|---|---|---:|---:|---|');
  let failures = 0;
  for (const backend of backends) {
    await initBackend(backend);
    for (const check of await checkKernels()) {
      io.out(formatCheck(backend, check));
      if (!check.ok) failures++;
    }
  }
  return failures;
}

function formatCheck(backend: string, check: KernelCheck): string {
  const e = (value: number) => value.toExponential(1);
  return `| ${backend} | ${check.op} | ${e(check.forwardError)} | ${e(check.gradientError)} | ${check.ok ? 'ok' : 'FAILED'} |`;
}

/** A loaded backend's facts, e.g. `simd: yes` or `adapter: NVIDIA H100, software: no`. */
function describe(details: Record<string, string | boolean>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${value === true ? 'yes' : value === false ? 'no' : value}`)
    .join(', ');
}

/** The reason alone: the table's row already names the backend. */
function whyNot(message: string): string {
  return message.replace(/^backend '[^']+' cannot be used here: /, '');
}

/** `kg4rec backends [--check]`. */
export const backends: Command = {
  name: 'backends',
  usage: () => `  backends [--check]   Which tensor backends (${BACKEND_NAMES.join(', ')}) load here, which one
                       'auto' picks, and (--check) whether kg4rec's kernels are correct on each.`,
  run: async (args, io) => {
    const { values } = parseCommandLine(args, { check: { type: 'boolean', default: false } });
    return backendsCommand({ check: values.check ?? false }, io);
  },
};
