/**
 * A training run from a config, end to end: the backend the config names, the run's data and
 * model, the engine's epochs with validation and early stopping, the test metrics of the best
 * epoch and, with `out`, the run folder (config, per-epoch metrics, checkpoints, per-user test
 * metrics, the model) that `--resume`, `kg4rec evaluate` and `openSavedRun` read back.
 *
 *   const { test } = await train({ dataset: 'movielens-100k', model: 'kgat', epochs: 3 });
 */
import { type BackendInfo, initBackend, isKg4recError, Kg4recError } from '@kg4rec/core';
import { saveModel } from '@kg4rec/models';
import { type ConfigSources, resolveTrainConfig } from '../config/layers';
import type { TrainConfig, TrainConfigInput } from '../config/schema';
import { loadRunData } from '../data/run-data';
import { checkpointFolders } from '../engine/checkpoint';
import { type EpochRecord, type TrainHooks, type TrainResult, trainModel } from '../engine/train';
import { checkDataFingerprint, writeDataFingerprint } from './data-fingerprint';
import { checkRunFolder, runPaths, writeRunConfig, writeRunMetrics, writeStoppedRun, writeTestUsers } from './run-folder';
import { lockRunFolder } from './run-lock';

/** Options of {@link trainRun} and {@link train}. */
export interface RunOptions {
  /** The run folder to write (nothing is written without one). */
  out?: string;
  /** Continue the run in `out` from its newest checkpoint. */
  resume?: boolean;
  /** Lines about what the run is doing (backend, config, features, resume). */
  log?: (line: string) => void;
  /** After each epoch, with every epoch so far. */
  onEpoch?: TrainHooks['onEpoch'];
  onProgress?: TrainHooks['onProgress'];
}

/** What a run ends with: the engine's result, the config it ran and the backend it ran on. */
export interface RunResult extends TrainResult {
  config: TrainConfig;
  backend: BackendInfo;
}

/** Trains the run a resolved config describes (see {@link train} to resolve one from a few values). */
export async function trainRun(config: TrainConfig, options: RunOptions = {}): Promise<RunResult> {
  const { out, resume = false, log = () => {} } = options;
  if (resume && !out) throw new Kg4recError('INVALID_CONFIG', '--resume needs --out <run folder> of the run to continue');
  const release = out ? lockRunFolder(out, log) : () => {};
  try {
    if (out) checkRunFolder(out, resume);
    if (out && resume && checkpointFolders(runPaths(out).checkpoints).length === 0)
      log(`${out}: no checkpoint to resume from; training starts from epoch 1`);
    return await trainLocked(config, options);
  } finally {
    release();
  }
}

/** {@link trainRun} once the run folder (if any) is locked. */
async function trainLocked(config: TrainConfig, options: RunOptions): Promise<RunResult> {
  const { out, resume = false, log = () => {} } = options;
  const backend = await initBackend(config.backend);
  log(`backend: ${backend.name} (${backend.reason.split('; faster')[0]})`);
  log(`config: ${JSON.stringify(config)}`);
  const { data, context, createRunModel, config: ran } = await loadRunData(config, log);
  if (out && resume) checkDataFingerprint(out, data.dataset);
  const model = createRunModel(context);
  let history: readonly EpochRecord[] = [];
  try {
    if (out) {
      writeRunConfig(out, ran);
      writeDataFingerprint(out, data.dataset);
    }
    const checkpoints = out ? runPaths(out).checkpoints : undefined;
    const result = await trainModel(model, data, ran, {
      onEpoch: (record: EpochRecord, sofar) => {
        history = sofar;
        options.onEpoch?.(record, sofar);
        if (out) writeRunMetrics(out, sofar);
      },
      onResume: (epoch) => log(`resuming after epoch ${epoch} from ${checkpoints}`),
      onWarning: (message) => log(`warning: ${message}`),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(checkpoints ? { checkpointDir: checkpoints, resume } : {}),
    }).catch((error: unknown) => {
      if (out && isKg4recError(error) && error.code === 'NON_FINITE') writeStoppedRun(out, history, error.message);
      throw error;
    });
    if (out) {
      const cold = result.coldTest ? { coldMeans: result.coldTest.means } : {};
      writeRunMetrics(out, result.history, { means: result.test.means, bestEpoch: result.bestEpoch, ...cold });
      writeTestUsers(out, result.test);
      await saveModel(model, runPaths(out).model);
    }
    return { ...result, config: ran, backend };
  } finally {
    model.dispose();
  }
}

/**
 * Resolves a config from `values` (over the built-in defaults and the shipped model and dataset
 * layers, as `kg4rec train` does; `sources` may add a file, `--set` assignments and plugins) and
 * trains it.
 */
export async function train(
  values: TrainConfigInput,
  options: RunOptions = {},
  sources: Omit<ConfigSources, 'values'> = {},
): Promise<RunResult> {
  return trainRun(await resolveTrainConfig({ ...sources, values }), options);
}
