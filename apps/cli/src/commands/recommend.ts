/**
 * `kg4rec recommend`: a finished run's top-k items for a user (training items excluded), with
 * titles; for a model that splits its score by modality (Multi-KG4Rec: ŷ = ŷ_visual + ŷ_text),
 * each score's parts and each modality's share of the list (the paper's Fig. 4).
 */
import { Kg4recError } from '@kg4rec/core';
import { itemTitle } from '@kg4rec/kg';
import { openSavedRun } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';
import { idOf, percent, trainingItems } from './run-lookup';

/** Options of {@link recommendCommand}. */
export interface RecommendOptions {
  dir: string;
  user: string;
  k: number;
  backend?: string;
  json: boolean;
}

/** The top `k` items by score, skipping `exclude`. */
function topItems(scores: Float32Array, k: number, exclude: ReadonlySet<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).filter((i) => !exclude.has(i));
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, k);
}

interface Row {
  rank: number;
  item: string;
  title: string;
  score: number;
  parts?: Record<string, number>;
}

/** The rows as a Markdown table, then each modality's share of the list's total score. */
function printTable(rows: Row[], modalities: string[], io: Output): void {
  io.out(`| rank | item | title | score |${modalities.map((m) => ` ${m} |`).join('')}`);
  io.out(`|---:|---|---|---:|${modalities.map(() => '---:|').join('')}`);
  for (const row of rows) {
    const parts = modalities.map((m) => ` ${(row.parts?.[m] ?? 0).toFixed(4)} |`).join('');
    io.out(`| ${row.rank} | ${row.item} | ${row.title} | ${row.score.toFixed(4)} |${parts}`);
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

/** Prints a run's top-k for a user; returns the exit code. */
export async function recommendCommand(options: RecommendOptions, io: Output): Promise<number> {
  if (!Number.isInteger(options.k) || options.k < 1)
    throw new Kg4recError('INVALID_ARGUMENT', `-k must be a positive integer, got ${options.k}`);
  const { data, model } = await openSavedRun(options.dir, options.backend);
  try {
    const user = idOf(data.dataset, 'user', options.user);
    const scores = await model.fullSortScores(Int32Array.of(user));
    const items = topItems(scores, options.k, trainingItems(data, user));
    const split = await model.modalityScores?.(new Int32Array(items.length).fill(user), Int32Array.from(items));
    const rows: Row[] = items.map((item, k) => ({
      rank: k + 1,
      item: data.dataset.items.tokenOf(item),
      title: itemTitle(data.dataset, item),
      score: scores[item] as number,
      ...(split ? { parts: Object.fromEntries(split.map((s) => [s.modality, s.scores[k] as number])) } : {}),
    }));
    if (options.json) io.out(JSON.stringify({ user: options.user, items: rows }));
    else printTable(rows, split?.map((s) => s.modality) ?? [], io);
    return 0;
  } finally {
    model.dispose();
  }
}

/** `kg4rec recommend`. */
export const recommend: Command = {
  name: 'recommend',
  usage: () => `  recommend <run folder> --user <token> [-k 20] [--json] [--backend <name>]
                       A run's top-k items for a user (training items excluded), with
                       titles; a model that splits its score by modality (Multi-KG4Rec)
                       also gives each score's parts and each modality's share of the list.`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      user: { type: 'string' },
      k: { type: 'string', short: 'k', default: '20' },
      json: { type: 'boolean', default: false },
      backend: { type: 'string' },
    });
    const [dir] = positionals;
    if (!dir || !values.user) throw new Kg4recError('INVALID_ARGUMENT', 'recommend needs a run folder and --user <token>');
    const backend = values.backend ? { backend: values.backend } : {};
    return recommendCommand({ dir, user: values.user, k: Number(values.k), json: values.json ?? false, ...backend }, io);
  },
};
