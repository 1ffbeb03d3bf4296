/**
 * `kg4rec evaluate <run>`: rebuild a finished run's data split from its saved config, reload its
 * model (`model/`) and print full-ranking metrics on the test split (training and validation items
 * excluded), on the test split ranked among the cold-start items only (`cold`, for a run trained
 * with `coldItems`; `cold-new`: each cold item scored as an item added after training, from its
 * content alone) or on the validation split (training items excluded), as `Recall@20 0.1234` lines.
 */
import { openSavedRun, splitEvaluator } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';
import { printMetrics } from './metrics-output';

/** Options of {@link evaluateCommand}. */
export interface EvaluateOptions {
  dir: string;
  split: 'test' | 'valid' | 'cold' | 'cold-new';
  backend?: string;
  json: boolean;
}

/** Evaluates a saved run; returns the exit code. */
export async function evaluateCommand(options: EvaluateOptions, io: Output): Promise<number> {
  const { config, data, context, model } = await openSavedRun(options.dir, options.backend);
  try {
    const started = performance.now();
    const evaluation = await splitEvaluator(model, data, config.ks, context.content)(options.split);
    io.err(`${options.split} (${evaluation.users.length} users) in ${((performance.now() - started) / 1000).toFixed(1)} s:`);
    if (options.json) io.out(JSON.stringify(evaluation.means));
    else printMetrics(evaluation.means, io);
  } finally {
    model.dispose();
  }
  return 0;
}

const SPLITS = ['test', 'valid', 'cold', 'cold-new'];

const USAGE = `  evaluate <run folder> [--split test|valid|cold|cold-new] [--backend <name>] [--json]
                       Reload a run's model and data split and print its metrics (cold:
                       the test ranked among the cold-start items of a --cold-items run;
                       cold-new: the same, each cold item scored as a new item from its
                       poster and text alone, among the cold items that have both).`;

/** `kg4rec evaluate`. */
export const evaluate: Command = {
  name: 'evaluate',
  usage: () => USAGE,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      split: { type: 'string', default: 'test' },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const [dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0 || !SPLITS.includes(values.split ?? '')) {
      io.err(`kg4rec: expected 'evaluate <run folder> [--split ${SPLITS.join('|')}] [--backend <name>] [--json]'\n\n${USAGE}`);
      return 2;
    }
    return evaluateCommand(
      {
        dir,
        split: values.split as EvaluateOptions['split'],
        json: values.json ?? false,
        ...(values.backend ? { backend: values.backend } : {}),
      },
      io,
    );
  },
};
