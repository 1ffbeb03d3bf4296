/**
 * Backend parity of every registered model (and Multi-KG4Rec's variants) against `cpu`: the CF and
 * KG losses of a fixed batch before training, one Adam step on the CF loss, then the weights and
 * the full-ranking scores after it, on the planted multimodal dataset. The WebGPU parity suite
 * and `scripts/gpu-check.sh` both run it.
 */
import { type BackendName, fusedAdam, initBackend, Rng } from '@kg4rec/core';
import { maxAbsDifference } from '@kg4rec/core/testing';
import { CfSampler, KgSampler } from '@kg4rec/kg';
import * as tf from '@tensorflow/tfjs';
import { createModel, modelOptionFields, models } from '../index';
import { plantedData, USERS } from '../planted-for-tests';

/**
 * Allowed differences from `cpu`, about 8× the worst measured on lavapipe (2026-11-28): losses
 * 6e-8 relative, weights after one Adam step 7.7e-6, scores (up to 4.5 in size) 2.5e-5. Sums run
 * in another order on a GPU (atomic adds), and its exp, division and square root round differently.
 */
export const PARITY_TOLERANCE = { loss: 1e-5, weights: 1e-4, scores: 2e-4 };

const SMALL: Record<string, unknown> = { dim: 8, relationDim: 8, layerDims: [8, 4], seed: 5 };

/** The small sizes a model takes (its schema's keys among {@link SMALL}'s). */
function smallOptions(name: string): Record<string, unknown> {
  const fields = modelOptionFields(name);
  return Object.fromEntries(Object.entries(SMALL).filter(([key]) => key in fields));
}

/** Every registered model with its defaults, KGAT's other attention and aggregator, and Multi-KG4Rec's variants. */
export function parityCases(): ReadonlyArray<readonly [string, Record<string, unknown>]> {
  return [
    ...models.list().map((name) => [name, {}] as const),
    ['kgat', { attentionUpdate: 'batch', aggregator: 'graphsage' }],
    ['kgat', { kgEmbedding: 'transe' }],
    ...(['t2v', 'v2t', 'w/o v', 'w/o t', 'w/o t&v'] as const).map((variant) => ['multikg4rec', { variant }] as const),
  ];
}

/** What one backend computes for a case. */
export interface ParityOutcome {
  cfLoss: number;
  kgLoss: number | undefined;
  weights: Float32Array;
  scores: Float32Array;
  /** Tensors left alive after the model is disposed (should be 0). */
  leaked: number;
}

/** One case's differences from `cpu`, and whether each is within {@link PARITY_TOLERANCE}. */
export interface ParityRow {
  model: string;
  options: string;
  cfLoss: number;
  kgLoss: number | undefined;
  weights: number;
  scores: number;
  leaked: number;
  ok: boolean;
}

const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');
const scalar = async (tensor: tf.Scalar) => {
  const value = (await tensor.data())[0] as number;
  tensor.dispose();
  return value;
};

/** Builds the case's model on `backend`, takes its losses, one Adam step, its weights and scores. */
export async function parityOutcome(backend: BackendName, name: string, extra: Record<string, unknown>): Promise<ParityOutcome> {
  await initBackend(backend);
  const data = plantedData();
  const before = tf.memory().numTensors;
  const model = createModel({ name, options: { ...smallOptions(name), ...extra } }, data.context);
  model.refresh?.();
  const b = new CfSampler(data.dataset, data.rows, new Rng(3)).sample(64);
  const k = new KgSampler(data.ckg, new Rng(4)).sample(64);
  const cf = { users: ids(b.users), positives: ids(b.positives), negatives: ids(b.negatives), ids: b };
  const kg = { heads: ids(k.heads), relations: ids(k.relations), tails: ids(k.tails), negativeTails: ids(k.negativeTails) };
  const cfLoss = await scalar(model.calculateLoss(cf));
  const kgLoss = model.kgLoss ? await scalar(model.kgLoss(kg)) : undefined;
  const optimizer = fusedAdam(0.01, 0.9, 0.999, 1e-8);
  await scalar(tf.tidy(() => optimizer.minimize(() => model.calculateLoss(cf), true, model.variables) as tf.Scalar));
  model.refresh?.();
  const parts = await Promise.all(model.variables.map((v) => v.data()));
  const weights = Float32Array.from(parts.flatMap((p) => Array.from(p as Float32Array)));
  const scores = await model.fullSortScores(Int32Array.from({ length: USERS }, (_, u) => u));
  optimizer.dispose();
  tf.dispose([...Object.values(kg), cf.users, cf.positives, cf.negatives]);
  model.dispose();
  return { cfLoss, kgLoss, weights, scores, leaked: tf.memory().numTensors - before };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** Runs a case on `cpu` and on `backend` and compares them. */
export async function compareWithCpu(name: string, extra: Record<string, unknown>, backend: BackendName = 'webgpu'): Promise<ParityRow> {
  const cpu = await parityOutcome('cpu', name, extra);
  const other = await parityOutcome(backend, name, extra);
  const kgLoss =
    cpu.kgLoss === undefined && other.kgLoss === undefined ? undefined : relative(other.kgLoss ?? Number.NaN, cpu.kgLoss ?? Number.NaN);
  const row = {
    model: name,
    options: JSON.stringify(extra),
    cfLoss: relative(other.cfLoss, cpu.cfLoss),
    kgLoss,
    weights: maxAbsDifference(other.weights, cpu.weights),
    scores: maxAbsDifference(other.scores, cpu.scores),
    leaked: cpu.leaked + other.leaked,
  };
  const t = PARITY_TOLERANCE;
  const kgOk = kgLoss === undefined || kgLoss < t.loss;
  return { ...row, ok: row.cfLoss < t.loss && kgOk && row.weights < t.weights && row.scores < t.scores && row.leaked === 0 };
}
