/**
 * `kg4rec evaluate <run>`: rebuild a finished run's data split from its saved config, reload its
 * model (`model/`) and print full-ranking metrics on the test split (training and validation items
 * excluded) or on the validation split (training items excluded), as `Recall@20 0.1234` lines.
 */
import { splitEvaluator } from '../engine/train';
import type { Output } from '../io';
import { openSavedRun } from './saved-run';
import { printMetrics } from './train';

/** Options of {@link evaluateCommand}. */
export interface EvaluateOptions {
  dir: string;
  split: 'test' | 'valid';
  backend?: string;
  json: boolean;
}

/** Evaluates a saved run; returns the exit code. */
export async function evaluateCommand(options: EvaluateOptions, io: Output): Promise<number> {
  const { config, data, model } = await openSavedRun(options.dir, options.backend);
  try {
    const started = performance.now();
    const evaluation = await splitEvaluator(model, data, config.ks)(options.split);
    io.err(`${options.split} (${evaluation.users.length} users) in ${((performance.now() - started) / 1000).toFixed(1)} s:`);
    if (options.json) io.out(JSON.stringify(evaluation.means));
    else printMetrics(evaluation.means, io);
  } finally {
    model.dispose();
  }
  return 0;
}
