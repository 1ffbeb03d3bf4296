/**
 * What `kg4rec recommend --new-items` adds to a user's list: items added after training, encoded
 * as the run's content was and scored by the model from that content alone.
 */
import { Kg4recError } from '@kg4rec/core';
import { encodeNewItems, type openSavedRun } from '@kg4rec/trainer';
import { readNewItemsFile } from './new-items-file';

/** A scored item of a user's list, known or new. */
export interface Candidate {
  item: string;
  title: string;
  score: number;
  parts?: Record<string, number>;
  /** Added after training (from a new-items file). */
  isNew?: boolean;
}

type SavedRun = Awaited<ReturnType<typeof openSavedRun>>;

/** The items of a new-items file, scored for `user` by the run's model. */
export async function newItemCandidates(run: SavedRun, user: number, file: string): Promise<Candidate[]> {
  if (!run.model.scoreNewItems)
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `${run.config.model.name} scores only the items it was trained with (its item rows are ID embeddings); ` +
        'new items need a model whose item rows come from content (multikg4rec)',
    );
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
