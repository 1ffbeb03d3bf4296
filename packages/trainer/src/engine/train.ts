/**
 * The training engine (KGAT's schedule; docs/method.md §5): each epoch runs the CF (BPR) steps, then
 * the KG steps when the model has a KG loss, each with its own Adam optimizer, then refreshes what
 * the model derives from its parameters (KGAT's attention), as KGAT's code does. Every `evalEvery` epochs it evaluates
 * on the validation split; the best epoch by validation `selectBy` is kept (early stopping after
 * `patience` evaluations without improvement); the test split is scored once, at the end, with
 * the best weights. With a checkpoint folder, every epoch ends with a checkpoint, and `resume`
 * continues from the newest one with the same result as an uninterrupted run.
 */
import { fusedAdam, isKg4recError, Kg4recError, type ModelContent, type Recommender, Rng, readTensors } from '@kg4rec/core';
import { CfSampler, type CollaborativeKg, type Dataset, KgSampler, type Split } from '@kg4rec/kg';
import { type Evaluation, evaluateFullRanking, type UserItems, userItems } from '@kg4rec/metrics';
import * as tf from '@tensorflow/tfjs';
import { assignAll, checkpointFolders, type LoopState, readCheckpointState, saveCheckpoint } from './checkpoint';
import { newItemScorer } from './new-item-scorer';
import { optimizerState, setOptimizerState } from './optimizer-state';

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
  /** Wall time of each phase; `attention` is the model's refresh after the steps. */
  seconds: { attention: number; cf: number; kg: number; eval: number };
  valid?: Record<string, number>;
}

/** Where a running epoch is, for progress bars. */
export interface StepProgress {
  epoch: number;
  phase: 'cf' | 'kg';
  step: number;
  steps: number;
  /** Mean loss of the phase's steps so far. */
  loss: number;
  /** Seconds since the phase began. */
  seconds: number;
}

/** Callbacks and checkpointing of {@link trainModel}. */
export interface TrainHooks {
  /** After each epoch, with every epoch's record so far (a resumed run's earlier ones included). */
  onEpoch?(record: EpochRecord, history: readonly EpochRecord[]): void;
  /** When a run continues from a checkpoint, with the last epoch it had completed. */
  onResume?(epoch: number): void;
  /** A warning about the run (a loss growing far above its first epoch's: divergence). */
  onWarning?(message: string): void;
  onProgress?(progress: StepProgress): void;
  /** Write a checkpoint into this folder after every epoch. */
  checkpointDir?: string;
  /** Continue from the newest checkpoint in `checkpointDir` (a fresh start when there is none). */
  resume?: boolean;
}

/** What {@link trainModel} returns. */
export interface TrainResult {
  history: EpochRecord[];
  bestEpoch: number;
  test: Evaluation;
  /** The test split ranked among the cold-start items only, when the split holds items out. */
  coldTest?: Evaluation;
  /** The epoch a resumed run continued after (0 for a fresh run). */
  resumedAfter: number;
}

/** The data a run trains on. */
export interface TrainData {
  dataset: Dataset;
  split: Split;
  ckg: CollaborativeKg;
}

/** Each user's items among the dataset's interaction `rows` (a split part). */
export function partItems(dataset: Dataset, rows: Int32Array): UserItems {
  const { user, item } = dataset.interactions;
  return userItems(
    dataset.users.size,
    Array.from(rows, (r) => user[r] as number),
    Array.from(rows, (r) => item[r] as number),
  );
}

/**
 * Full-ranking evaluation of a model on the validation or test split, or on the test split
 * ranked among the cold-start items only (`cold`: items no training interaction shows;
 * `cold-new`: the same with each cold item scored as an item added after training, from its
 * content alone, among the cold items that have content).
 */
export type SplitEvaluator = (part: 'valid' | 'test' | 'cold' | 'cold-new') => Promise<Evaluation>;

/**
 * Scores `model` on a split part as the engine does: training items are excluded, and for `test`
 * and `cold` the validation items too; `cold` ranks only the split's cold-start items. The
 * training items are gathered once, for every call.
 */
export function splitEvaluator(model: Recommender, data: TrainData, ks: number[], content?: ModelContent): SplitEvaluator {
  const items = (rows: Int32Array) => partItems(data.dataset, rows);
  const train = items(data.split.train);
  const { coldItems } = data.split;
  const numItems = data.dataset.items.size;
  return (part) => {
    if (part.startsWith('cold') && !coldItems)
      throw new Kg4recError('INVALID_ARGUMENT', 'this split holds no cold-start items (set coldItems)');
    const asNew = part === 'cold-new' ? newItemScorer(model, numItems, content, coldItems as Int32Array) : undefined;
    return nonEmpty(
      part,
      evaluateFullRanking({
        numItems,
        score: asNew?.score ?? ((users) => model.fullSortScores(users)),
        relevant: items(part === 'valid' ? data.split.valid : data.split.test),
        train,
        alsoExclude: part === 'valid' ? [] : [items(data.split.valid)],
        ks,
        ...(part === 'cold' && coldItems ? { candidates: coldItems } : {}),
        ...(asNew ? { candidates: asNew.items } : {}),
      }),
    );
  };
}

/** The evaluation, or an error when no user had anything to rank: nothing to evaluate is not a score of 0. */
async function nonEmpty(part: string, evaluation: Promise<Evaluation>): Promise<Evaluation> {
  const done = await evaluation;
  if (done.users.length === 0)
    throw new Kg4recError('INVALID_ARGUMENT', `the ${part} split has no user with an item to rank: nothing to evaluate`);
  return done;
}

const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');
/**
 * Adam with PyTorch's defaults (β 0.9 / 0.999, ε 1e-8; tfjs's own ε is 1e-7), as KGAT's code uses;
 * core's, which steps each variable in one kernel on `cpu` and `wasm` (tfjs's state and checkpoints).
 */
const adam = (lr: number) => fusedAdam(lr, 0.9, 0.999, 1e-8);
const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * `steps` optimizer steps on `loss`; returns the mean loss. Each step's loss is read back
 * asynchronously (a GPU backend cannot read synchronously); a NaN or infinite one stops training
 * (`NON_FINITE`, naming the epoch, phase and step) before anything is saved from it.
 */
async function runPhase(
  phase: StepProgress['phase'],
  epoch: number,
  steps: number,
  loss: () => tf.Scalar,
  optimizer: tf.Optimizer,
  model: Recommender,
  onProgress?: TrainHooks['onProgress'],
): Promise<number> {
  const started = performance.now();
  let total = 0;
  for (let step = 1; step <= steps; step++) {
    const value = tf.tidy(() => optimizer.minimize(loss, true, model.variables) ?? tf.scalar(0));
    const read = ((await value.data())[0] as number) ?? 0;
    value.dispose();
    if (!Number.isFinite(read))
      throw new Kg4recError(
        'NON_FINITE',
        `epoch ${epoch}, ${phase.toUpperCase()} step ${step} of ${steps}: the loss is ${read}; training stopped (a smaller lr may help). Nothing of this epoch was saved; the last checkpoint is the last good epoch`,
        { details: { epoch, phase, step } },
      );
    total += read;
    onProgress?.({ epoch, phase, step, steps, loss: total / step, seconds: seconds(started) });
  }
  return steps === 0 ? 0 : total / steps;
}

/** How far a loss may grow above its first epoch's before the run is said to diverge. */
const DIVERGENCE_FACTOR = 100;

/** A warning when the last epoch's CF or KG loss is {@link DIVERGENCE_FACTOR}× the first epoch's or more. */
function divergence(history: readonly EpochRecord[]): string | undefined {
  const [first, last] = [history[0], history.at(-1)];
  if (!first || !last || history.length < 2) return undefined;
  for (const key of ['cfLoss', 'kgLoss'] as const) {
    const [a, b] = [first[key], last[key]];
    if (a !== undefined && b !== undefined && a > 0 && b >= DIVERGENCE_FACTOR * a)
      return `epoch ${last.epoch}: the ${key === 'cfLoss' ? 'CF' : 'KG'} loss ${b.toPrecision(3)} is ${Math.round(b / a)}× epoch ${first.epoch}'s (${a.toPrecision(3)}): training is diverging; a smaller lr may help`;
  }
  return undefined;
}

type Named = Array<{ name: string; tensor: tf.Tensor }>;
const named = (tensors: readonly tf.Tensor[]): Named => tensors.map((tensor, i) => ({ name: `v${i}`, tensor }));

/** Everything one run's epochs share. */
interface Run {
  model: Recommender;
  data: TrainData;
  options: TrainOptions;
  hooks: TrainHooks;
  rngs: { cf: Rng; kg: Rng };
  cf: CfSampler;
  kg?: { sampler: KgSampler; loss: NonNullable<Recommender['kgLoss']> };
  optimizers: { cf: tf.Optimizer; kg: tf.Optimizer };
  evaluate: SplitEvaluator;
}

function createRun(model: Recommender, data: TrainData, options: TrainOptions, hooks: TrainHooks): Run {
  const rng = new Rng(options.seed);
  const rngs = { cf: rng.fork(), kg: rng.fork() };
  const kgLoss = model.kgLoss?.bind(model);
  return {
    model,
    data,
    options,
    hooks,
    rngs,
    cf: new CfSampler(data.dataset, data.split.train, rngs.cf, 'uniform', data.split.coldItems),
    ...(kgLoss ? { kg: { sampler: new KgSampler(data.ckg, rngs.kg), loss: kgLoss } } : {}),
    optimizers: { cf: adam(options.lr), kg: adam(options.lr) },
    evaluate: splitEvaluator(model, data, options.ks),
  };
}

/** One epoch's CF steps, KG steps and refresh. */
async function trainEpoch(run: Run, epoch: number): Promise<EpochRecord> {
  const { model, data, options: o, optimizers, hooks } = run;
  let started = performance.now();
  const cfLoss = await runPhase(
    'cf',
    epoch,
    Math.ceil(data.split.train.length / o.cfBatchSize),
    () => {
      const b = run.cf.sample(o.cfBatchSize);
      return model.calculateLoss({ users: ids(b.users), positives: ids(b.positives), negatives: ids(b.negatives), ids: b });
    },
    optimizers.cf,
    model,
    hooks.onProgress,
  );
  const cf = seconds(started);
  started = performance.now();
  const kg = run.kg;
  const kgLoss = kg
    ? await runPhase(
        'kg',
        epoch,
        Math.ceil(data.ckg.tails.length / o.kgBatchSize),
        () => {
          const b = kg.sampler.sample(o.kgBatchSize);
          return kg.loss({ heads: ids(b.heads), relations: ids(b.relations), tails: ids(b.tails), negativeTails: ids(b.negativeTails) });
        },
        optimizers.kg,
        model,
        hooks.onProgress,
      )
    : undefined;
  const kgSeconds = kg ? seconds(started) : 0;
  started = performance.now();
  model.refresh?.();
  return {
    epoch,
    cfLoss,
    ...(kgLoss !== undefined ? { kgLoss } : {}),
    seconds: { attention: seconds(started), cf, kg: kgSeconds, eval: 0 },
  };
}

/** The best weights so far (clones of the model's variables); empty before the first evaluation. */
type BestWeights = tf.Tensor[];

/** Evaluates on validation when due; updates the record and returns the new selection state. */
async function validate(run: Run, record: EpochRecord, loop: LoopState<EpochRecord>, bestWeights: BestWeights) {
  const { options: o, data } = run;
  const due = o.evalEvery > 0 && (record.epoch % o.evalEvery === 0 || record.epoch === o.epochs);
  if (!due || data.split.valid.length === 0) return { best: loop.best, stale: loop.stale, bestWeights };
  const started = performance.now();
  record.valid = (await run.evaluate('valid')).means;
  record.seconds.eval = seconds(started);
  const value = selected(record.valid, o.selectBy);
  if (value <= loop.best.value) return { best: loop.best, stale: loop.stale + 1, bestWeights };
  tf.dispose(bestWeights);
  return { best: { epoch: record.epoch, value }, stale: 0, bestWeights: run.model.variables.map((v) => tf.clone(v)) };
}

function freshLoop(run: Run): LoopState<EpochRecord> {
  return {
    epoch: 0,
    history: [],
    best: { epoch: 0, value: Number.NEGATIVE_INFINITY },
    stale: 0,
    random: { cf: run.rngs.cf.state(), kg: run.rngs.kg.state(), model: run.model.randomState?.() ?? [] },
  };
}

/** Continues from the newest checkpoint, if resuming and there is one: loop state, generators, weights. */
async function resumeRun(run: Run): Promise<{ loop: LoopState<EpochRecord>; bestWeights: BestWeights } | undefined> {
  const { hooks, model } = run;
  if (!hooks.resume || !hooks.checkpointDir) return undefined;
  const resumed = await restore(hooks.checkpointDir, model, run.optimizers, (line) => hooks.onWarning?.(line));
  if (!resumed) return undefined;
  const { random } = resumed.loop;
  run.rngs.cf.setState(random.cf);
  run.rngs.kg.setState(random.kg);
  if (random.model.length > 0) model.setRandomState?.(random.model);
  model.refresh?.(); // the checkpointed epoch ended with a refresh
  hooks.onResume?.(resumed.loop.epoch);
  return resumed;
}

/** Trains `model` on `data` and scores the test split with the best weights. */
export async function trainModel(
  model: Recommender,
  data: TrainData,
  options: Partial<TrainOptions> = {},
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  if (data.split.test.length === 0)
    throw new Kg4recError(
      'INVALID_CONFIG',
      'the split has no test interactions: nothing to evaluate after training (check the split and the dataset)',
    );
  const run = createRun(model, data, { ...TRAIN_DEFAULTS, ...options }, hooks);
  const o = run.options;
  let loop = freshLoop(run);
  let bestWeights: BestWeights = [];
  let warned = false;
  try {
    const resumed = await resumeRun(run);
    if (resumed) ({ loop, bestWeights } = resumed);
    const resumedAfter = loop.epoch;
    while (loop.epoch < o.epochs && loop.stale < o.patience) {
      const record = await trainEpoch(run, loop.epoch + 1);
      const selection = await validate(run, record, loop, bestWeights);
      bestWeights = selection.bestWeights;
      loop = {
        epoch: record.epoch,
        history: [...loop.history, record],
        best: selection.best,
        stale: selection.stale,
        random: { cf: run.rngs.cf.state(), kg: run.rngs.kg.state(), model: model.randomState?.() ?? [] },
      };
      if (hooks.checkpointDir) await checkpoint(hooks.checkpointDir, loop, model, bestWeights, run.optimizers);
      hooks.onEpoch?.(record, loop.history);
      const growth = divergence(loop.history);
      if (growth && !warned) {
        hooks.onWarning?.(growth);
        warned = true;
      }
    }
    for (const [i, weights] of bestWeights.entries()) model.variables[i]?.assign(weights);
    model.refresh?.();
    const test = await run.evaluate('test');
    const coldTest = data.split.coldItems ? await run.evaluate('cold') : undefined;
    return {
      history: loop.history,
      bestEpoch: loop.best.epoch || loop.history.length,
      test,
      ...(coldTest ? { coldTest } : {}),
      resumedAfter,
    };
  } finally {
    tf.dispose(bestWeights);
    run.optimizers.cf.dispose();
    run.optimizers.kg.dispose();
  }
}

function selected(valid: Record<string, number>, selectBy: string): number {
  const value = valid[selectBy];
  if (value === undefined) {
    throw new Kg4recError('INVALID_CONFIG', `selectBy '${selectBy}' is not among the validation metrics: ${Object.keys(valid).join(', ')}`);
  }
  return value;
}

async function checkpoint(
  dir: string,
  loop: LoopState<EpochRecord>,
  model: Recommender,
  bestWeights: tf.Tensor[],
  optimizers: { cf: tf.Optimizer; kg: tf.Optimizer },
): Promise<void> {
  const [cfOptimizer, kgOptimizer] = [await optimizerState(optimizers.cf), await optimizerState(optimizers.kg)];
  try {
    await saveCheckpoint(dir, loop, { weights: named(model.variables), best: named(bestWeights), cfOptimizer, kgOptimizer });
  } finally {
    tf.dispose([...cfOptimizer, ...kgOptimizer].map(({ tensor }) => tensor));
  }
}

/**
 * Restores the newest checkpoint of `dir` that reads back whole; a damaged newer one is reported
 * through `warn` and the one before it is used (every part is assigned again from it).
 */
async function restore(dir: string, model: Recommender, optimizers: { cf: tf.Optimizer; kg: tf.Optimizer }, warn: (line: string) => void) {
  const folders = checkpointFolders(dir);
  for (const [k, folder] of folders.entries()) {
    try {
      return await restoreFrom(folder, model, optimizers);
    } catch (error) {
      const older = folders[k + 1];
      if (!isKg4recError(error) || older === undefined) throw error;
      warn(`${folder}: cannot be restored (${error.message}); resuming from ${older} instead`);
    }
  }
  return undefined;
}

async function restoreFrom(folder: string, model: Recommender, optimizers: { cf: tf.Optimizer; kg: tf.Optimizer }) {
  const { state } = readCheckpointState<EpochRecord>(folder);
  const file = (name: string) => `${folder}/${name}.bin`;
  const weights = readTensors(file('weights'), state.layouts.weights);
  try {
    assignAll(file('weights'), model.variables, weights);
  } finally {
    tf.dispose(weights.map(({ tensor }) => tensor));
  }
  await setOptimizerState(optimizers.cf, readTensors(file('cfOptimizer'), state.layouts.cfOptimizer));
  await setOptimizerState(optimizers.kg, readTensors(file('kgOptimizer'), state.layouts.kgOptimizer));
  const bestWeights = readTensors(file('best'), state.layouts.best).map(({ tensor }) => tensor);
  return { loop: state.loop, bestWeights };
}
