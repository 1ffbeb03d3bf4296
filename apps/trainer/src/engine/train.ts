/**
 * The training engine (KGAT's schedule; method.md §5): each epoch refreshes what the model
 * refreshes (KGAT's attention), runs its CF (BPR) steps, then its KG steps when the model has a KG
 * loss, with Adam. Every `evalEvery` epochs it evaluates on the validation split; the best epoch
 * by validation `selectBy` is kept (early stopping after `patience` evaluations without
 * improvement); the test split is scored once, at the end, with the best weights.
 */
import { Kg4recError, type Recommender, Rng } from '@kg4rec/core';
import { CfSampler, type CollaborativeKg, type Dataset, KgSampler, type Split } from '@kg4rec/kg';
import { type Evaluation, evaluateFullRanking, type UserItems, userItems } from '@kg4rec/metrics';
import * as tf from '@tensorflow/tfjs';

/** Options of {@link trainModel}; every one has a default. */
export interface TrainOptions {
  epochs: number;
  lr: number;
  cfBatchSize: number;
  kgBatchSize: number;
  /** Evaluate on validation every this many epochs (0: never; the last epoch's weights are kept). */
  evalEvery: number;
  /** Stop after this many evaluations without improvement. */
  patience: number;
  /** Validation metric that selects the best epoch. */
  selectBy: string;
  ks: number[];
  seed: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  epochs: 20,
  lr: 1e-3,
  cfBatchSize: 1024,
  kgBatchSize: 2048,
  evalEvery: 1,
  patience: 5,
  selectBy: 'recall@20',
  ks: [20],
  seed: 2025,
};

/** One epoch's record, as written to the run's JSONL file. */
export interface EpochRecord {
  epoch: number;
  cfLoss: number;
  kgLoss?: number;
  seconds: { cf: number; kg: number; eval: number };
  valid?: Record<string, number>;
}

/** What {@link trainModel} returns. */
export interface TrainResult {
  history: EpochRecord[];
  bestEpoch: number;
  test: Evaluation;
}

/** The data a run trains on. */
export interface TrainData {
  dataset: Dataset;
  split: Split;
  ckg: CollaborativeKg;
}

function partItems(dataset: Dataset, rows: Int32Array): UserItems {
  const { user, item } = dataset.interactions;
  return userItems(
    dataset.users.size,
    Array.from(rows, (r) => user[r] as number),
    Array.from(rows, (r) => item[r] as number),
  );
}

const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');

function runSteps(count: number, step: () => tf.Scalar | null, optimizer: tf.Optimizer, model: Recommender): number {
  let total = 0;
  for (let s = 0; s < count; s++) {
    total += tf.tidy(() => optimizer.minimize(() => step() ?? tf.scalar(0), true, model.variables)?.dataSync()[0] ?? 0);
  }
  return count === 0 ? 0 : total / count;
}

/** Trains `model` on `data` and scores the test split with the best weights. `onEpoch` sees each record. */
export async function trainModel(
  model: Recommender,
  data: TrainData,
  options: Partial<TrainOptions> = {},
  onEpoch?: (record: EpochRecord) => void,
): Promise<TrainResult> {
  const o = { ...TRAIN_DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const cf = new CfSampler(data.dataset, data.split.train, rng.fork());
  const kg = model.kgLoss ? new KgSampler(data.ckg, rng.fork()) : undefined;
  const optimizer = tf.train.adam(o.lr);
  const train = partItems(data.dataset, data.split.train);
  const evaluate = (relevant: Int32Array, alsoExclude: UserItems[]) =>
    evaluateFullRanking({
      numItems: data.dataset.items.size,
      score: (users) => model.fullSortScores(users),
      relevant: partItems(data.dataset, relevant),
      train,
      alsoExclude,
      ks: o.ks,
    });
  const history: EpochRecord[] = [];
  let best = { epoch: 0, value: Number.NEGATIVE_INFINITY, weights: [] as tf.Tensor[] };
  let stale = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs && stale < o.patience; epoch++) {
      model.prepareEpoch?.();
      let started = performance.now();
      const cfLoss = runSteps(
        Math.ceil(data.split.train.length / o.cfBatchSize),
        () => {
          const b = cf.sample(o.cfBatchSize);
          return model.calculateLoss({ users: ids(b.users), positives: ids(b.positives), negatives: ids(b.negatives) });
        },
        optimizer,
        model,
      );
      const cfSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const kgLoss = kg
        ? runSteps(
            Math.ceil(data.ckg.tails.length / o.kgBatchSize),
            () => {
              const b = kg.sample(o.kgBatchSize);
              return (
                model.kgLoss?.({
                  heads: ids(b.heads),
                  relations: ids(b.relations),
                  tails: ids(b.tails),
                  negativeTails: ids(b.negativeTails),
                }) ?? null
              );
            },
            optimizer,
            model,
          )
        : undefined;
      const record: EpochRecord = {
        epoch,
        cfLoss,
        ...(kgLoss !== undefined ? { kgLoss } : {}),
        seconds: { cf: cfSeconds, kg: (performance.now() - started) / 1000, eval: 0 },
      };
      const evaluateNow = o.evalEvery > 0 && (epoch % o.evalEvery === 0 || epoch === o.epochs);
      if (evaluateNow && data.split.valid.length > 0) {
        started = performance.now();
        record.valid = (await evaluate(data.split.valid, [])).means;
        record.seconds.eval = (performance.now() - started) / 1000;
        const value = record.valid[o.selectBy];
        if (value === undefined) {
          throw new Kg4recError(
            'INVALID_CONFIG',
            `selectBy '${o.selectBy}' is not among the validation metrics: ${Object.keys(record.valid).join(', ')}`,
          );
        }
        if (value > best.value) {
          tf.dispose(best.weights);
          best = { epoch, value, weights: model.variables.map((v) => tf.clone(v)) };
          stale = 0;
        } else stale++;
      }
      history.push(record);
      onEpoch?.(record);
    }
    for (const [i, weights] of best.weights.entries()) model.variables[i]?.assign(weights);
  } finally {
    tf.dispose(best.weights);
    optimizer.dispose();
  }
  model.prepareEpoch?.();
  const test = await evaluate(data.split.test, [partItems(data.dataset, data.split.valid)]);
  return { history, bestEpoch: best.epoch || history.length, test };
}
