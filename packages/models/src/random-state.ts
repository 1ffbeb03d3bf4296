/** Checks a model's generator states when a checkpoint restores them. */
import { Kg4recError, type RngState } from '@kg4rec/core';

/** `states` when it holds exactly `expected` generator states, else an `INVALID_ARGUMENT` error naming `model`. */
export function checkedRandomState(states: readonly RngState[], expected: number, model: string): RngState[] {
  if (states.length !== expected)
    throw new Kg4recError('INVALID_ARGUMENT', `${model}.setRandomState: expected ${expected} generator states, got ${states.length}`);
  return [...states];
}
