/**
 * `kg4rec train`: load a dataset, split it, build the collaborative KG and a registered model,
 * train with the engine, print the final test metrics as `Recall@20 0.1234` lines, and write the
 * run to `--out`: `config.json`, `metrics.jsonl`, `test-users.tsv` (each test user's metrics, for
 * paired significance tests), a checkpoint every epoch (`checkpoints/`) and the final model
 * (`model/`). `--resume` continues a killed run from its newest checkpoint.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend, Kg4recError, writeFileAtomic } from '@kg4rec/core';
import type { Evaluation } from '@kg4rec/metrics';
import { saveModel } from '@kg4rec/models';
import { type EpochRecord, trainModel } from '../engine/train';
import type { Output } from '../io';
import { progressReporter } from '../progress';
import { loadRunData } from './run-data';
import type { TrainConfig } from './train-config';

const METRIC_NAMES: Record<string, string> = { recall: 'Recall', precision: 'Precision', hit: 'Hit', mrr: 'MRR', ndcg: 'NDCG', map: 'MAP' };

/** `recall@20` → `Recall@20`. */
export function displayName(metric: string): string {
  const [name = metric, k] = metric.split('@');
  return `${METRIC_NAMES[name] ?? name}${k ? `@${k}` : ''}`;
}

function describeEpoch(record: EpochRecord, epochs: number, selectBy: string): string {
  const kg = record.kgLoss === undefined ? '' : `  kg ${record.kgLoss.toFixed(4)}`;
  const valid = record.valid ? `  valid ${displayName(selectBy)} ${(record.valid[selectBy] ?? 0).toFixed(4)}` : '';
  const { attention, cf, kg: kgSeconds, eval: evalSeconds } = record.seconds;
  const attentionPart = attention >= 0.05 ? `attention ${attention.toFixed(1)} s, ` : '';
  return `epoch ${record.epoch}/${epochs}  cf ${record.cfLoss.toFixed(4)}${kg}${valid}  (${attentionPart}cf ${cf.toFixed(1)} s, kg ${kgSeconds.toFixed(1)} s, eval ${evalSeconds.toFixed(1)} s)`;
}

/** Prints metrics as `Recall@20 0.1234` lines on stdout. */
export function printMetrics(means: Record<string, number>, io: Output): void {
  for (const [metric, value] of Object.entries(means)) io.out(`${displayName(metric)} ${value.toFixed(4)}`);
}

/** Each test user's metrics, `user` (index) then one column per metric: for paired significance tests. */
export function perUserTable(evaluation: Pick<Evaluation, 'users' | 'perUser'>): string {
  const names = Object.keys(evaluation.perUser);
  const rows = Array.from(evaluation.users, (user, k) => [user, ...names.map((n) => evaluation.perUser[n]?.[k] ?? Number.NaN)].join('\t'));
  return `${['user', ...names].join('\t')}\n${rows.map((row) => `${row}\n`).join('')}`;
}

const jsonLines = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/** Runs a training job from a resolved config; returns the exit code. */
export async function trainCommand(config: TrainConfig, out: string | undefined, io: Output, resume = false): Promise<number> {
  if (resume && !out) throw new Kg4recError('INVALID_CONFIG', '--resume needs --out <run folder> of the run to continue');
  const checkpoints = out ? join(out, 'checkpoints') : undefined;
  if (out && !resume && (existsSync(checkpoints as string) || existsSync(join(out, 'model')))) {
    throw new Kg4recError('INVALID_CONFIG', `${out}: already holds a run; continue it with --resume or choose another --out`);
  }
  if (out && resume && existsSync(join(out, 'model'))) {
    throw new Kg4recError('INVALID_CONFIG', `${out}: the run has finished (model/ exists); evaluate it with 'kg4rec evaluate ${out}'`);
  }
  const backend = await initBackend(config.backend);
  io.err(`backend: ${backend.name} (${backend.reason.split('; faster')[0]})`);
  io.err(`config: ${JSON.stringify(config)}`);
  const { data, context, createRunModel } = await loadRunData(config, (line) => io.err(line));
  const model = createRunModel(context);
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileAtomic(join(out, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
  const metricsFile = out ? join(out, 'metrics.jsonl') : undefined;
  try {
    const result = await trainModel(model, data, config, {
      onEpoch: (record, all) => {
        io.err(describeEpoch(record, config.epochs, config.selectBy));
        if (metricsFile) writeFileAtomic(metricsFile, jsonLines([...all]));
      },
      onResume: (epoch) => io.err(`resuming after epoch ${epoch} from ${checkpoints}`),
      ...(io.status ? { onProgress: progressReporter(io.status, config.epochs) } : {}),
      ...(checkpoints ? { checkpointDir: checkpoints, resume } : {}),
    });
    const validated = result.history.some((record) => record.valid !== undefined);
    const selection = validated ? `best epoch on validation: ${result.bestEpoch}` : `no validation: the last epoch (${result.bestEpoch})`;
    io.err(`${selection}; test (${result.test.users.length} users):`);
    printMetrics(result.test.means, io);
    if (out) {
      writeFileAtomic(join(out, 'metrics.jsonl'), jsonLines([...result.history, { test: result.test.means, bestEpoch: result.bestEpoch }]));
      writeFileAtomic(join(out, 'test-users.tsv'), perUserTable(result.test));
      await saveModel(model, join(out, 'model'));
    }
  } finally {
    model.dispose();
  }
  return 0;
}
