/** A finished run reopened: its config (plugins imported), its data split rebuilt, its model reloaded. */
import { join } from 'node:path';
import { initBackend } from '@kg4rec/core';
import { loadModel } from '@kg4rec/models';
import { savedRunConfig } from '../config/layers';
import { loadRunData } from '../data/run-data';
import { checkDataFingerprint } from './data-fingerprint';

/** Reopens the run in `dir` (optionally on another backend); dispose `model` when done. */
export async function openSavedRun(dir: string, backend?: string) {
  const config = await savedRunConfig(dir, backend);
  await initBackend(config.backend);
  const { data, context } = await loadRunData(config);
  checkDataFingerprint(dir, data.dataset);
  const model = loadModel(join(dir, 'model'), context);
  return { config, data, context, model };
}
