/**
 * The `kg4rec` command line, also usable as a library: `main(argv, output)` returns an exit code;
 * `trainModel` is the training engine (KGAT's schedule, checkpoints, resume) for code that builds
 * its own data and model.
 */
export { main, VERSION } from './cli';
export { type BackendsOptions, backendsCommand } from './commands/backends';
export {
  type DataExportOptions,
  type DataInspectOptions,
  dataExportCommand,
  dataInspectCommand,
  formatStats,
  parseSplitKind,
} from './commands/data';
export { type EvaluateOptions, evaluateCommand } from './commands/evaluate';
export { loadRunData } from './commands/run-data';
export { displayName, printMetrics, trainCommand } from './commands/train';
export {
  readConfigFile,
  resolveTrainConfig,
  savedRunConfig,
  shippedConfigs,
  type TrainConfig,
  trainConfigSchema,
} from './commands/train-config';
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
export { type Output, processOutput } from './io';
export { progressLine, progressReporter } from './progress';
