import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Kg4recError } from '@kg4rec/core';

/**
 * The folder holding the shared datasets: `$KG4REC_DATA` when set, else `../shared/data` beside
 * the repository root (the nearest folder above `from` with a `pnpm-workspace.yaml`).
 */
export function dataRoot(from: string = process.cwd()): string {
  const override = process.env.KG4REC_DATA;
  if (override) return resolve(override);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, '..', 'shared', 'data');
    if (dirname(dir) === dir) break;
  }
  throw new Kg4recError('IO_ERROR', `cannot find the data folder: no pnpm-workspace.yaml above ${from}; set KG4REC_DATA`);
}

/**
 * The shared folder (datasets, fixtures, model files): `$KG4REC_SHARED` when set, else the parent
 * of {@link dataRoot} (`../shared` beside the repository root).
 */
export function sharedRoot(from: string = process.cwd()): string {
  const override = process.env.KG4REC_SHARED;
  return override ? resolve(override) : dirname(dataRoot(from));
}
