/**
 * The `kg4rec` command line, also usable as a library: `main(argv, output)` returns an exit code.
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
export { type Output, processOutput } from './io';
