/**
 * @kg4rec/trainer: the training engine. `train(values)` resolves a layered config (defaults <
 * shipped model and dataset layers < your values), loads the run's data and model and trains it
 * with KGAT's alternating schedule, validation, early stopping and per-epoch checkpoints;
 * `trainModel` is the engine alone, for code that builds its own data and model. Plugins register
 * parts before a config names them.
 */
export { type ConfigSources, readConfigFile, resolveTrainConfig, savedRunConfig, shippedConfigs } from './config/layers';
export { splitKind, type TrainConfig, type TrainConfigInput, trainConfigSchema } from './config/schema';
export { loadSource } from './data/load-source';
export { encodeNewItems, type NewItemContent } from './data/new-items';
export { chosenFeatureEncoder, loadRunContent } from './data/run-content';
export { loadRunData } from './data/run-data';
export {
  type EpochRecord,
  partItems,
  type SplitEvaluator,
  type StepProgress,
  splitEvaluator,
  TRAIN_DEFAULTS,
  type TrainData,
  type TrainHooks,
  type TrainOptions,
  type TrainResult,
  trainModel,
} from './engine/train';
export { type Kg4recRegistries, loadPlugins, registries } from './plugins';
export { checkRunFolder, perUserTable, runPaths } from './runs/run-folder';
export { openSavedRun } from './runs/saved-run';
export { type RunOptions, type RunResult, train, trainRun } from './runs/train-run';
