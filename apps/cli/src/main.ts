/**
 * The `kg4rec` command line: each command lives in its own file with its usage and handler;
 * this one dispatches, prints the overall usage assembled from theirs, and turns errors into a
 * message and an exit code (0 done, 1 failed, 2 bad usage).
 */
import { isKg4recError } from '@kg4rec/core';
import type { Command } from './command';
import { backends } from './commands/backends';
import { data } from './commands/data';
import { encode } from './commands/encode';
import { evaluate } from './commands/evaluate';
import { explain } from './commands/explain';
import { features } from './commands/features';
import { modelsCommand } from './commands/models';
import { recommend } from './commands/recommend';
import { serve } from './commands/serve';
import { train } from './commands/train';
import type { Output } from './io';

/** The version printed by `kg4rec --version`. */
export const VERSION = '0.1.0';

/** Every command, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [backends, data, train, evaluate, recommend, explain, serve, encode, features, modelsCommand];

/** The overall usage: every command's usage lines. */
export function usage(): string {
  return `Usage: kg4rec <command> [options]   (kg4rec <command> --help: that command alone)

Commands:
${COMMANDS.map((c) => c.usage()).join('\n')}

Options:
  -h, --help           Show this help.
  -v, --version        Show the version.`;
}

const HELP = ['-h', '--help', 'help'];

/**
 * Runs the `kg4rec` command line and returns its exit code: 0 done, 1 failed, 2 bad usage.
 * Errors are printed, never thrown.
 */
export async function main(argv: string[], io: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || HELP.includes(name)) {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.out(VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`kg4rec: unknown command '${name}': expected one of ${COMMANDS.map((c) => c.name).join(', ')}\n\n${usage()}`);
    return 2;
  }
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.out(`Usage:\n${command.usage()}`);
    return 0;
  }
  return runCommand(command, args, io);
}

/** One line for an error that is not a Kg4recError: its class and message, never its stack. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]?.slice(0, 300)}`;
  return String(error).slice(0, 300);
}

async function runCommand(command: Command, args: string[], io: Output): Promise<number> {
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isKg4recError(error)) {
      io.err(`kg4rec: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`kg4rec: ${error.message}\n\nUsage:\n${command.usage()}`);
      return 2;
    }
    io.err(`kg4rec: internal error (a bug; please report it with the command line): ${describe(error)}`);
    if (process.env.KG4REC_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    return 1;
  }
}
