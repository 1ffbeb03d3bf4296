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
  const parsed = withSuggestion(() => parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true }), options);
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

/** Runs `parse`; an unknown option's error gains the closest valid option, when one is close. */
function withSuggestion<T>(parse: () => T, options: CommandOptions): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TypeError) || (error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
    const given = /Unknown option '--?([^']+)'/.exec(error.message)?.[1];
    const closest = given ? closestName(given, Object.keys(options)) : undefined;
    if (closest) error.message = `${error.message.split('. ')[0]} (did you mean --${closest}?)`;
    throw error;
  }
}

/** The name within edit distance 2 of `given` (or that it is a prefix of), nearest first. */
function closestName(given: string, names: readonly string[]): string | undefined {
  const scored = names.map((name) => ({ name, d: name.startsWith(given) ? 0.5 : editDistance(given, name) }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? best.name : undefined;
}

/** Levenshtein distance (names are short: the quadratic table is fine). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] as number;
}

/** `a|b|c` from a list, for usage lines. */
export const choices = (names: readonly string[]) => names.join('|');
