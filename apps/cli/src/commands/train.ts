/**
 * `kg4rec train`: resolve the layered config (plugins first), train with `@kg4rec/trainer`,
 * print each epoch and the final test metrics as `Recall@20 0.1234` lines, and write the run to
 * `--out`. `--resume` continues a killed run from its newest checkpoint.
 */
import { BACKEND_NAMES, Kg4recError } from '@kg4rec/core';
import { metricLabel } from '@kg4rec/metrics';
import { models } from '@kg4rec/models';
import { type EpochRecord, resolveTrainConfig, savedRunConfig, type TrainConfig, trainConfigSchema, trainRun } from '@kg4rec/trainer';
import { type Command, type CommandOptions, choices, type ParsedCommandLine, parseCommandLine } from '../command';
import type { Output } from '../io';
import { progressReporter } from '../progress';
import { printMetrics } from './metrics-output';

function describeEpoch(record: EpochRecord, epochs: number, selectBy: string): string {
  const kg = record.kgLoss === undefined ? '' : `  kg ${record.kgLoss.toFixed(4)}`;
  const valid = record.valid ? `  valid ${metricLabel(selectBy)} ${(record.valid[selectBy] ?? 0).toFixed(4)}` : '';
  const { attention, cf, kg: kgSeconds, eval: evalSeconds } = record.seconds;
  const attentionPart = attention >= 0.05 ? `attention ${attention.toFixed(1)} s, ` : '';
  return `epoch ${record.epoch}/${epochs}  cf ${record.cfLoss.toFixed(4)}${kg}${valid}  (${attentionPart}cf ${cf.toFixed(1)} s, kg ${kgSeconds.toFixed(1)} s, eval ${evalSeconds.toFixed(1)} s)`;
}

/** Runs a training job from a resolved config; returns the exit code. */
export async function trainCommand(config: TrainConfig, out: string | undefined, io: Output, resume = false): Promise<number> {
  const result = await trainRun(config, {
    ...(out ? { out } : {}),
    resume,
    log: (line) => io.err(line),
    onEpoch: (record) => io.err(describeEpoch(record, config.epochs, config.selectBy)),
    ...(io.status ? { onProgress: progressReporter(io.status, config.epochs) } : {}),
  });
  const validated = result.history.some((record) => record.valid !== undefined);
  const selection = validated ? `best epoch on validation: ${result.bestEpoch}` : `no validation: the last epoch (${result.bestEpoch})`;
  io.err(`${selection}; test (${result.test.users.length} users):`);
  printMetrics(result.test.means, io);
  if (result.coldTest) {
    const held = share(result.config.coldItems);
    io.err(
      `test ranked among the cold-start items only (${held} of the items, held out of training; ${result.coldTest.users.length} users):`,
    );
    printMetrics(result.coldTest.means, io, 'cold-start ');
  }
  return 0;
}

const share = (value: number) => `${(value * 100).toFixed(value * 100 < 1 ? 1 : 0)}%`;

const OPTIONS = {
  config: { type: 'string' },
  dataset: { type: 'string' },
  format: { type: 'string' },
  model: { type: 'string' },
  split: { type: 'string' },
  backend: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  'cold-items': { type: 'string' },
  set: { type: 'string', multiple: true, default: [] as string[] },
  plugin: { type: 'string', multiple: true, default: [] as string[] },
  out: { type: 'string' },
  resume: { type: 'boolean', default: false },
} satisfies CommandOptions;

type Values = ParsedCommandLine<typeof OPTIONS>['values'];

/** The flags that are config keys, as a config layer. */
function flagLayer(values: Values): Record<string, unknown> {
  return {
    ...(values.dataset ? { dataset: values.dataset } : {}),
    ...(values.format ? { format: values.format } : {}),
    ...(values.model ? { model: { name: values.model } } : {}),
    ...(values.split ? { split: values.split } : {}),
    ...(values.backend ? { backend: values.backend } : {}),
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values.lr ? { lr: Number(values.lr) } : {}),
    ...(values['cold-items'] ? { coldItems: Number(values['cold-items']) } : {}),
  };
}

/** `--resume` continues the saved config: only `--backend` may change. */
async function resumeRun(values: Values, io: Output): Promise<number> {
  const { backend, ...others } = flagLayer(values);
  const extra = [
    ...Object.keys(others),
    ...(values.config ? ['config'] : []),
    ...((values.set ?? []).length > 0 ? ['set'] : []),
    ...((values.plugin ?? []).length > 0 ? ['plugin'] : []),
  ];
  if (extra.length > 0) {
    throw new Kg4recError(
      'INVALID_CONFIG',
      `--resume continues the run's saved config.json; drop --${extra.join(', --')} (only --backend may change)`,
    );
  }
  if (!values.out) throw new Kg4recError('INVALID_CONFIG', '--resume needs --out <run folder> of the run to continue');
  return trainCommand(await savedRunConfig(values.out, backend), values.out, io, true);
}

/** `kg4rec train`. */
export const train: Command = {
  name: 'train',
  usage:
    () => `  train --dataset <preset|path> [--model ${choices(models.list())}] [--split ${choices(trainConfigSchema.shape.split.unwrap().options)}]
        [--format <fmt>] [--backend ${choices(['auto', ...BACKEND_NAMES])}] [--epochs N] [--lr X] [--cold-items S]
        [--config run.yaml|run.json] [--set key=value …] [--plugin ./my-part.mjs …] [--out <dir>]
                       Train a model, select it on validation, print the test metrics
                       (Recall@20 0.1234 …); write config, metrics.jsonl, per-user test
                       metrics, a checkpoint per epoch and the model to --out. Models that
                       read content encode features first (features.* settings, store
                       reused). Config layers, later over earlier: defaults <
                       configs/model/<model>.yaml < configs/dataset/<dataset>.yaml <
                       --config < flags < --set. --plugin imports a module that registers
                       parts (models, aggregators, …) first; 'kg4rec models' lists them.
                       --cold-items S holds out a share S of the items entirely (all their
                       interactions go to test) and also ranks the test among them alone
                       (cold-start Recall@20 … lines): what content and KG models can do.
  train --resume --out <dir> [--backend <name>]
                       Continue a killed run from its newest checkpoint; it ends as the
                       uninterrupted run would have.`,
  run: async (args, io) => {
    const { values } = parseCommandLine(args, OPTIONS);
    if (values.resume) return resumeRun(values, io);
    const config = await resolveTrainConfig({
      ...(values.config ? { file: values.config } : {}),
      values: flagLayer(values),
      sets: values.set ?? [],
      plugins: values.plugin ?? [],
    });
    return trainCommand(config, values.out, io);
  },
};
