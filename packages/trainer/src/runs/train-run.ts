/**
 * A training run from a config, end to end: the backend the config names, the run's data and
 * model, the engine's epochs with validation and early stopping, the test metrics of the best
 * epoch and, with `out`, the run folder (config, per-epoch metrics, checkpoints, per-user test
 * metrics, the model) that `--resume`, `kg4rec evaluate` and `openSavedRun` read back.
 *
 *   const { test } = await train({ dataset: 'movielens-100k', model: 'kgat', epochs: 3 });
 */
import { type BackendInfo, initBackend, Kg4recError } from '@kg4rec/core';
import { saveModel } from '@kg4rec/models';
import { type ConfigSources, resolveTrainConfig } from '../config/layers';
import type { TrainConfig, TrainConfigInput } from '../config/schema';
import { loadRunData } from '../data/run-data';
import { type EpochRecord, type TrainHooks, type TrainResult, trainModel } from '../engine/train';
import { checkRunFolder, runPaths, writeRunConfig, writeRunMetrics, writeTestUsers } from './run-folder';

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
  if (out) checkRunFolder(out, resume);
  const backend = await initBackend(config.backend);
  log(`backend: ${backend.name} (${backend.reason.split('; faster')[0]})`);
  log(`config: ${JSON.stringify(config)}`);
  const { data, context, createRunModel, config: ran } = await loadRunData(config, log);
  const model = createRunModel(context);
  if (out) writeRunConfig(out, ran);
  try {
    const checkpoints = out ? runPaths(out).checkpoints : undefined;
    const result = await trainModel(model, data, ran, {
      onEpoch: (record: EpochRecord, history) => {
        options.onEpoch?.(record, history);
        if (out) writeRunMetrics(out, history);
      },
      onResume: (epoch) => log(`resuming after epoch ${epoch} from ${checkpoints}`),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(checkpoints ? { checkpointDir: checkpoints, resume } : {}),
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
