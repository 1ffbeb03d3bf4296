import { Kg4recError } from '@kg4rec/core';

/**
 * Loading policy. `strict`: a malformed line or an unknown id in a link file is a `PARSE_ERROR`.
 * `lenient` (default): such lines are skipped and counted. In both modes: a missing, empty or
 * non-UTF-8 file and a bad RecBole header are errors; duplicate triples, self-loops and duplicate
 * interactions are dropped and counted.
 */
export type Strictness = 'strict' | 'lenient';

/**
 * What a loader dropped or skipped, by kind: malformed lines and unknown link ids (lenient mode),
 * duplicate triples, self-loops, duplicate interactions, N-Triples with a literal object, and
 * rating rows with a negative label.
 */
export const WARNING_KINDS = [
  'malformedLine',
  'unknownLinkId',
  'duplicateTriple',
  'selfLoop',
  'duplicateInteraction',
  'literalObject',
  'negativeLabel',
] as const;

/** One of {@link WARNING_KINDS}. */
export type WarningKind = (typeof WARNING_KINDS)[number];

/** Counts of what a load dropped or skipped, with the first message of each kind. */
export class LoadReport {
  readonly counts = new Map<WarningKind, number>();
  readonly firstMessage = new Map<WarningKind, string>();

  constructor(readonly strictness: Strictness = 'lenient') {}

  /** A problem with the input: an error in strict mode, counted and skipped in lenient mode. */
  problem(kind: 'malformedLine' | 'unknownLinkId', message: string, details: Record<string, unknown> = {}): void {
    if (this.strictness === 'strict') throw new Kg4recError('PARSE_ERROR', message, { details: { kind, ...details } });
    this.count(kind, 1, message);
  }

  /** Something dropped by design in either mode (duplicates, self-loops). */
  count(kind: WarningKind, amount = 1, message?: string): void {
    if (amount <= 0) return;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + amount);
    if (message && !this.firstMessage.has(kind)) this.firstMessage.set(kind, message);
  }

  /** The count of one kind (0 when none). */
  get(kind: WarningKind): number {
    return this.counts.get(kind) ?? 0;
  }
}
