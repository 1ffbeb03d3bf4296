/**
 * The `kg4rec` command line as a library: `main(argv, output)` runs a command line and returns
 * its exit code, writing through an `Output` (how the tests drive it). The training engine is
 * `@kg4rec/trainer`.
 */
export { type Command, parseCommandLine } from './command';
export { type BackendsOptions, backendsCommand } from './commands/backends';
export {
  type DataExportOptions,
  type DataInspectOptions,
  dataExportCommand,
  dataInspectCommand,
  formatStats,
  parseSplitKind,
} from './commands/data';
export { type EncodeCommandOptions, encodeCommand } from './commands/encode';
export { type EvaluateOptions, evaluateCommand } from './commands/evaluate';
export { type ExplainOptions, explainCommand } from './commands/explain';
export { printMetrics } from './commands/metrics-output';
export { type RecommendOptions, recommendCommand } from './commands/recommend';
export { trainCommand } from './commands/train';
export { type Output, processOutput } from './io';
export { COMMANDS, main, usage, VERSION } from './main';
export { progressLine, progressReporter } from './progress';
