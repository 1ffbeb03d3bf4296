/**
 * What `kg4rec recommend --new-items` adds to a user's list: items added after training, encoded
 * as the run's content was and scored by the model from that content alone.
 */
import { Kg4recError } from '@kg4rec/core';
import { encodeNewItems, type openSavedRun } from '@kg4rec/trainer';
import { type Candidate, idOnlyModel } from './candidates';
import { readNewItemsFile } from './new-items-file';

type SavedRun = Awaited<ReturnType<typeof openSavedRun>>;

/** The items of a new-items file, scored for `user` by the run's model. */
export async function newItemCandidates(run: SavedRun, user: number, file: string): Promise<Candidate[]> {
  if (!run.model.scoreNewItems) throw new Kg4recError('INVALID_ARGUMENT', idOnlyModel(run));
  const rows = await readNewItemsFile(file, run.data.dataset);
  const features = await encodeNewItems(run.data.dataset, run.config, run.context.content, rows);
  const { scores, parts } = await run.model.scoreNewItems(Int32Array.of(user), features);
  return rows.map((row, k) => ({
    item: row.name,
    title: row.title,
    score: scores[k] as number,
    ...(parts ? { parts: Object.fromEntries(parts.map((p) => [p.modality, p.scores[k] as number])) } : {}),
    isNew: true,
  }));
}
