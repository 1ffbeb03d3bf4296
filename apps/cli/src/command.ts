/**
 * One `kg4rec` command: its name, its usage (shown by `kg4rec <command> --help` and in the
 * overall usage) and its handler, kept together in the command's own file.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { Kg4recError } from '@kg4rec/core';
import type { Output } from './io';

/** A command of the `kg4rec` line. */
export interface Command {
  name: string;
  /**
   * The usage lines: the command with its options, then what it does, indented. A function, so
   * that lists read from registries include what plugins registered.
   */
  usage(): string;
  /** Runs the command on its arguments (after the command name); returns the exit code. */
  run(args: string[], io: Output): Promise<number>;
}

/** The options a command takes, in `node:util`'s `parseArgs` form. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandLine} returns for options `O`. */
export type ParsedCommandLine<O extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * The options and positionals of a command line, strictly: an unknown option is a usage error,
 * and so is an option given twice that takes one value (`--dataset a --dataset b`).
 */
export function parseCommandLine<O extends CommandOptions>(args: string[], options: O): ParsedCommandLine<O> {
  const parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  const seen = new Map<string, string | undefined>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) {
      const values = [seen.get(token.name), token.value].filter((v) => v !== undefined).map((v) => `'${v}'`);
      throw new Kg4recError(
        'INVALID_ARGUMENT',
        `${token.rawName} is given twice${values.length > 0 ? ` (${values.join(' and ')})` : ''}; give it once`,
      );
    }
    seen.set(token.name, token.value);
  }
  const { tokens: _tokens, ...rest } = parsed;
  return rest as ParsedCommandLine<O>;
}

/** `a|b|c` from a list, for usage lines. */
export const choices = (names: readonly string[]) => names.join('|');
