/**
 * `kg4rec recommend`: a finished run's top-k items for a user (training items excluded), with
 * titles; for a model that splits its score by modality (Multi-KG4Rec: ŷ = ŷ_visual + ŷ_text),
 * each score's parts and each modality's share of the list (the paper's Fig. 4). With
 * `--new-items`, items added after training (poster and text only) compete in the same list,
 * for models whose item representation comes from content.
 */
import { Kg4recError } from '@kg4rec/core';
import { openSavedRun } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';
import { type Candidate, knownCandidates, type RankedCandidate, rankedList, topItems } from './candidates';
import { newItemCandidates } from './new-item-scores';
import { idOf, percent, trainingItems } from './run-lookup';

/** Options of {@link recommendCommand}. */
export interface RecommendOptions {
  dir: string;
  user: string;
  k: number;
  backend?: string;
  json: boolean;
  /** A new-items file (see `new-items-file.ts`): items added after training, scored from their content. */
  newItems?: string;
}

/** The rows as a Markdown table, then each modality's share of the list's total score. */
function printTable(rows: RankedCandidate[], modalities: string[], io: Output): void {
  io.out(`| rank | item | title | score |${modalities.map((m) => ` ${m} |`).join('')}`);
  io.out(`|---:|---|---|---:|${modalities.map(() => '---:|').join('')}`);
  for (const row of rows) {
    const parts = modalities.map((m) => ` ${(row.parts?.[m] ?? 0).toFixed(4)} |`).join('');
    io.out(`| ${row.rank} | ${row.item}${row.isNew ? ' (new)' : ''} | ${row.title} | ${row.score.toFixed(4)} |${parts}`);
  }
  if (modalities.length < 2) return;
  const total = rows.reduce((sum, r) => sum + r.score, 0);
  const shares = modalities.map(
    (m) =>
      `${m} ${percent(
        rows.reduce((sum, r) => sum + (r.parts?.[m] ?? 0), 0),
        total,
      )}`,
  );
  io.out(`\nshare of the top ${rows.length}'s total score, by modality: ${shares.join(', ')}`);
}

/** Where each new item ranks among every candidate (the known items not excluded, and the other new items). */
function newItemRanks(scores: Float32Array, exclude: ReadonlySet<number>, added: readonly Candidate[]) {
  return added.map((candidate) => {
    let above = added.filter((other) => other.score > candidate.score).length;
    scores.forEach((score, item) => {
      if (score > candidate.score && !exclude.has(item)) above++;
    });
    return { item: candidate.item, rank: above + 1, of: scores.length - exclude.size + added.length, score: candidate.score };
  });
}

/** Prints a run's top-k for a user; returns the exit code. */
export async function recommendCommand(options: RecommendOptions, io: Output): Promise<number> {
  if (!Number.isInteger(options.k) || options.k < 1)
    throw new Kg4recError('INVALID_ARGUMENT', `-k must be a positive integer, got ${options.k}`);
  const run = await openSavedRun(options.dir, options.backend);
  const { data, model } = run;
  try {
    const user = idOf(data.dataset, 'user', options.user);
    const scores = await model.fullSortScores(Int32Array.of(user));
    const exclude = trainingItems(data, user);
    const known = await knownCandidates(run, user, scores, topItems(scores, options.k, exclude));
    const added = options.newItems ? await newItemCandidates(run, user, options.newItems) : [];
    const rows = rankedList(known.candidates, added, options.k);
    const ranks = newItemRanks(scores, exclude, added);
    if (options.json) io.out(JSON.stringify({ user: options.user, items: rows, ...(options.newItems ? { newItems: ranks } : {}) }));
    else {
      printTable(rows, known.modalities, io);
      for (const r of ranks) io.out(`new item ${r.item}: rank ${r.rank} of ${r.of} for user ${options.user}, score ${r.score.toFixed(4)}`);
    }
    return 0;
  } finally {
    model.dispose();
  }
}

/** `kg4rec recommend`. */
export const recommend: Command = {
  name: 'recommend',
  usage: () => `  recommend <run folder> --user <token> [-k 20] [--json] [--backend <name>]
            [--new-items <file.tsv>]
                       A run's top-k items for a user (training items excluded), with
                       titles; a model that splits its score by modality (Multi-KG4Rec)
                       also gives each score's parts and each modality's share of the list.
                       --new-items: items added after training, scored from their poster
                       and text alone, without retraining (Multi-KG4Rec); a tab-separated
                       file with a header of id, title, poster, text (poster paths relative
                       to the file), e.g.
                         kg4rec recommend runs/mkg --user 196 --new-items new.tsv`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      user: { type: 'string' },
      k: { type: 'string', short: 'k', default: '20' },
      json: { type: 'boolean', default: false },
      backend: { type: 'string' },
      'new-items': { type: 'string' },
    });
    const [dir] = positionals;
    if (!dir || !values.user) throw new Kg4recError('INVALID_ARGUMENT', 'recommend needs a run folder and --user <token>');
    const optional = {
      ...(values.backend ? { backend: values.backend } : {}),
      ...(values['new-items'] ? { newItems: values['new-items'] } : {}),
    };
    const k = /^\d+$/.test(values.k ?? '') ? Number(values.k) : Number.NaN;
    if (Number.isNaN(k)) throw new Kg4recError('INVALID_ARGUMENT', `-k must be a positive integer, got '${values.k}'`);
    return recommendCommand({ dir, user: values.user, k, json: values.json ?? false, ...optional }, io);
  },
};
