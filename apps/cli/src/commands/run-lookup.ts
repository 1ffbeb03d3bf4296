/** What `recommend` and `explain` look up in a reopened run: ids by token, a user's training items. */
import { Kg4recError } from '@kg4rec/core';
import type { Dataset } from '@kg4rec/kg';
import type { TrainData } from '@kg4rec/trainer';

/** The id of a user or item token, or an error that shows what tokens look like. */
export function idOf(dataset: Dataset, kind: 'user' | 'item', token: string): number {
  const map = kind === 'user' ? dataset.users : dataset.items;
  const id = map.idOf(token);
  if (id === undefined) {
    const some = map.list().slice(0, 5).join(', ');
    throw new Kg4recError('INVALID_ARGUMENT', `no ${kind} '${token}' in ${dataset.name} (${kind}s look like: ${some}, …)`);
  }
  return id;
}

/** The items `user` interacted with in the run's training split. */
export function trainingItems(data: TrainData, user: number): Set<number> {
  const items = new Set<number>();
  for (const row of data.split.train)
    if (data.dataset.interactions.user[row] === user) items.add(data.dataset.interactions.item[row] as number);
  return items;
}

/** `part` as a percentage of `whole`, one decimal. */
export const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
