/**
 * `kg4rec train`: load a dataset, split it, build the collaborative KG and a registered model,
 * train with the engine, print the final test metrics as `Recall@20 0.1234` lines, and write the
 * run (`config.json`, `metrics.jsonl`, the model) to `--out`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@kg4rec/core';
import { buildCollaborativeKg, modelContext, splitInteractions } from '@kg4rec/kg';
import { createModel, type ModelContext, saveModel } from '@kg4rec/models';
import { type EpochRecord, trainModel } from '../engine/train';
import type { Output } from '../io';
import { loadSource } from './data';
import { splitKind, type TrainConfig } from './train-config';

const METRIC_NAMES: Record<string, string> = { recall: 'Recall', precision: 'Precision', hit: 'Hit', mrr: 'MRR', ndcg: 'NDCG', map: 'MAP' };

/** `recall@20` → `Recall@20`. */
export function displayName(metric: string): string {
  const [name = metric, k] = metric.split('@');
  return `${METRIC_NAMES[name] ?? name}${k ? `@${k}` : ''}`;
}

function describeEpoch(record: EpochRecord, epochs: number, selectBy: string): string {
  const kg = record.kgLoss === undefined ? '' : `  kg ${record.kgLoss.toFixed(4)}`;
  const valid = record.valid ? `  valid ${displayName(selectBy)} ${(record.valid[selectBy] ?? 0).toFixed(4)}` : '';
  const { cf, kg: kgSeconds, eval: evalSeconds } = record.seconds;
  return `epoch ${record.epoch}/${epochs}  cf ${record.cfLoss.toFixed(4)}${kg}${valid}  (cf ${cf.toFixed(1)} s, kg ${kgSeconds.toFixed(1)} s, eval ${evalSeconds.toFixed(1)} s)`;
}

/** Runs a training job from a resolved config; returns the exit code. */
export async function trainCommand(config: TrainConfig, out: string | undefined, io: Output): Promise<number> {
  const backend = await initBackend(config.backend);
  io.err(`backend: ${backend.name} (${backend.reason.split('; faster')[0]})`);
  io.err(`config: ${JSON.stringify(config)}`);
  const dataset = await loadSource(config.dataset, config.format, 'lenient');
  const kind = splitKind(config.split) ?? (dataset.interactions.given ? 'given' : 'random');
  const split = splitInteractions(dataset, { kind, seed: config.seed });
  const ckg = buildCollaborativeKg(dataset, split.train);
  const context: ModelContext = modelContext(dataset, ckg);
  const model = createModel(config.model, context);
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
  const onEpoch = (record: EpochRecord) => {
    io.err(describeEpoch(record, config.epochs, config.selectBy));
    if (out) appendFileSync(join(out, 'metrics.jsonl'), `${JSON.stringify(record)}\n`);
  };
  const result = await trainModel(model, { dataset, split, ckg }, config, onEpoch);
  io.err(`best epoch on validation: ${result.bestEpoch}; test (${result.test.users.length} users):`);
  for (const [metric, value] of Object.entries(result.test.means)) io.out(`${displayName(metric)} ${value.toFixed(4)}`);
  if (out) {
    appendFileSync(join(out, 'metrics.jsonl'), `${JSON.stringify({ test: result.test.means, bestEpoch: result.bestEpoch })}\n`);
    saveModel(model, join(out, 'model'));
  }
  model.dispose();
  return 0;
}
