/**
 * `kg4rec explain`: why a finished run scores (user, item) as it does: the score, its parts by
 * modality where the model splits it, π on the item's own modal entities where the model has
 * them, and the item's KG neighbours with the most attention where the model has attention.
 */
import { Kg4recError } from '@kg4rec/core';
import { describeCkg, itemTitle } from '@kg4rec/kg';
import { openSavedRun } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';
import { idOf, percent } from './run-lookup';

/** Options of {@link explainCommand}. */
export interface ExplainOptions {
  dir: string;
  user: string;
  item: string;
  backend?: string;
  neighbours: number;
}

/** Prints why a run scores (user, item) as it does; returns the exit code. */
export async function explainCommand(options: ExplainOptions, io: Output): Promise<number> {
  const { data, model } = await openSavedRun(options.dir, options.backend);
  try {
    const user = idOf(data.dataset, 'user', options.user);
    const item = idOf(data.dataset, 'item', options.item);
    const score = (await model.fullSortScores(Int32Array.of(user)))[item] as number;
    io.out(`user ${options.user}, item ${options.item} (${itemTitle(data.dataset, item)}): score ${score.toFixed(4)}`);
    const split = await model.modalityScores?.(Int32Array.of(user), Int32Array.of(item));
    if (split && split.length > 1) {
      for (const part of split)
        io.out(`  ${part.modality}: ${(part.scores[0] as number).toFixed(4)} (${percent(part.scores[0] as number, score)} of the score)`);
    } else io.out('  (this model has no modality split)');
    const modal = await model.modalAttention?.(item);
    if (modal)
      io.out(`  attention π on the item's own modal entities: ${modal.map((m) => `${m.modality} ${m.weight.toFixed(4)}`).join(', ')}`);
    const neighbours = await model.attendedNeighbours?.(item, options.neighbours);
    if (!neighbours) {
      io.out('  (this model has no knowledge-aware attention)');
      return 0;
    }
    io.out(`  neighbours of the item with the most attention π:`);
    const describe = describeCkg(data.dataset, data.ckg);
    for (const n of neighbours) io.out(`    ${n.weight.toFixed(4)}  ${describe.relation(n.relation)} → ${describe.node(n.node)}`);
    return 0;
  } finally {
    model.dispose();
  }
}

/** `kg4rec explain`. */
export const explain: Command = {
  name: 'explain',
  usage: () => `  explain <run folder> --user <token> --item <token> [--neighbours 5] [--backend <name>]
                       One score, its modality parts, and the item's KG neighbours with
                       the most attention (and π on its own image and text entities, for
                       models that have them).`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      user: { type: 'string' },
      item: { type: 'string' },
      neighbours: { type: 'string', default: '5' },
      backend: { type: 'string' },
    });
    const [dir] = positionals;
    if (!dir || !values.user || !values.item)
      throw new Kg4recError('INVALID_ARGUMENT', 'explain needs a run folder, --user <token> and --item <token>');
    const backend = values.backend ? { backend: values.backend } : {};
    return explainCommand({ dir, user: values.user, item: values.item, neighbours: Number(values.neighbours), ...backend }, io);
  },
};
