import { initBackend, Rng } from '@kg4rec/core';
import { assertNoTensorLeak, checkGradients, loadableBackends } from '@kg4rec/core/testing';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { kgEmbeddings, TransE, TransR, transRDistance } from './index';

const ids = (values: number[]) => tf.tensor1d(values, 'int32');

/** d = k = 2, one relation: W = [[1, 0], [0, 2]], e_h = [1, 1], e_r = [0.5, 0], e_t = [0, 1], e_t′ = [2, 0]. */
function handModel(l2: number) {
  const model = new TransR({ numEntities: 3, numRelations: 1, entityDim: 2, relationDim: 2, l2 });
  model.entityEmbeddings.assign(tf.tensor2d([1, 1, 0, 1, 2, 0], [3, 2]));
  model.relationEmbeddings.assign(tf.tensor2d([0.5, 0], [1, 2]));
  model.projections.assign(tf.tensor3d([1, 0, 0, 2], [1, 2, 2]));
  return model;
}

// W e_h = [1, 2]; + e_r = [1.5, 2]; W e_t = [0, 2] → g = 1.5² = 2.25; W e_t′ = [2, 0] → g′ = 0.5² + 2² = 4.25
const G_POSITIVE = 2.25;
const G_NEGATIVE = 4.25;

describe.each(await loadableBackends())('TransR on %s', (backend) => {
  it('scores a triple as ‖W_r e_h + e_r − W_r e_t‖² (hand-computed)', async () => {
    await initBackend(backend);
    const model = handModel(0);
    const score = assertNoTensorLeak(() => tf.tidy(() => Array.from(model.score(ids([0, 0]), ids([0, 0]), ids([1, 2])).dataSync())));
    expect(score[0]).toBeCloseTo(G_POSITIVE, 5);
    expect(score[1]).toBeCloseTo(G_NEGATIVE, 5);
    model.dispose();
  });

  it('loss = softplus(g − g′) + λ · KGAT L2 (hand-computed)', async () => {
    await initBackend(backend);
    const batch = { heads: ids([0]), relations: ids([0]), tails: ids([1]), negativeTails: ids([2]) };
    const lossOf = (model: TransR) => assertNoTensorLeak(() => tf.tidy(() => model.loss(batch).dataSync()[0] as number));
    const plain = handModel(0);
    expect(lossOf(plain)).toBeCloseTo(Math.log1p(Math.exp(G_POSITIVE - G_NEGATIVE)), 5);
    const regularised = handModel(0.1);
    // (‖W e_h‖² + ‖e_r‖² + ‖W e_t‖² + ‖W e_t′‖²) / 2 = (5 + 0.25 + 4 + 4) / 2 = 6.625
    expect(lossOf(regularised)).toBeCloseTo(Math.log1p(Math.exp(-2)) + 0.1 * 6.625, 5);
    tf.dispose(Object.values(batch));
    plain.dispose();
    regularised.dispose();
  });

  it('scores a batch against an entity table given to loss(), and sends its gradient there', async () => {
    await initBackend(backend);
    const model = handModel(0);
    const batch = { heads: ids([0]), relations: ids([0]), tails: ids([1]), negativeTails: ids([2]) };
    // Entities 1 and 2 swapped: g = 4.25 for the positive tail and 2.25 for the negative.
    const swapped = tf.tensor2d([1, 1, 2, 0, 0, 1], [3, 2]);
    const loss = assertNoTensorLeak(() => tf.tidy(() => model.loss(batch, swapped).dataSync()[0] as number));
    expect(loss).toBeCloseTo(Math.log1p(Math.exp(G_NEGATIVE - G_POSITIVE)), 5);
    const gradient = tf.grad((table: tf.Tensor) => model.loss(batch, table as tf.Tensor2D))(swapped);
    expect(Array.from(gradient.dataSync()).some((g) => g !== 0)).toBe(true);
    tf.dispose([gradient, swapped, ...Object.values(batch)]);
    model.dispose();
  });

  it('transRDistance gradients match finite differences', async () => {
    await initBackend(backend);
    const rng = new Rng(3);
    const values = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const [B, d, k] = [3, 4, 2];
    const report = assertNoTensorLeak(() =>
      checkGradients({
        op: (h, r, t, W) => transRDistance(h as tf.Tensor2D, r as tf.Tensor2D, t as tf.Tensor2D, W as tf.Tensor3D),
        reference: (h, r, t, W) =>
          Float64Array.from({ length: B }, (_, b) => {
            let sum = 0;
            for (let j = 0; j < k; j++) {
              let projected = r[b * k + j] as number;
              for (let i = 0; i < d; i++)
                projected += ((h[b * d + i] as number) - (t[b * d + i] as number)) * (W[b * d * k + i * k + j] as number);
              sum += projected * projected;
            }
            return sum;
          }),
        inputs: [
          { values: values(B * d), shape: [B, d] },
          { values: values(B * k), shape: [B, k] },
          { values: values(B * d), shape: [B, d] },
          { values: values(B * d * k), shape: [B, d, k] },
        ],
      }),
    );
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
  });

  it.each(['transr', 'transe'])('%s trains: Adam steps lower the loss, with no tensor leak per step', async (name) => {
    await initBackend(backend);
    const model = kgEmbeddings.create(name, { numEntities: 20, numRelations: 3, entityDim: 8, relationDim: 4, seed: 1 });
    const rng = new Rng(2);
    const triples = Array.from({ length: 32 }, () => [rng.int(10), rng.int(3), 10 + rng.int(10), rng.int(20)]);
    const column = (c: number) => ids(triples.map((t) => t[c] as number));
    const batch = { heads: column(0), relations: column(1), tails: column(2), negativeTails: column(3) };
    const optimizer = tf.train.adam(0.05);
    const step = () => tf.tidy(() => optimizer.minimize(() => model.loss(batch), true, model.variables)?.dataSync()[0] as number);
    const first = step();
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 30; i++) last = step();
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first * 0.5);
    optimizer.dispose();
    tf.dispose(Object.values(batch));
    model.dispose();
  });
});

describe('relation spaces and options', () => {
  it('TransR projects rows by W_r and TransE leaves them as they are; TransE scores against a given entity table', async () => {
    await initBackend('cpu');
    const transr = handModel(0);
    const rows = tf.tensor2d([1, 1, 0, 1], [2, 2]);
    const projected = assertNoTensorLeak(() => tf.tidy(() => Array.from(transr.project(rows, 0).dataSync())));
    expect(projected).toEqual([1, 2, 0, 2]); // W = [[1, 0], [0, 2]]
    const transe = new TransE({ numEntities: 3, numRelations: 1, entityDim: 2 });
    expect(transe.project(rows)).toBe(rows);
    const batch = { heads: ids([0]), relations: ids([0]), tails: ids([1]), negativeTails: ids([2]) };
    const table = tf.tensor2d([0, 0, 0, 0, 5, 5], [3, 2]);
    transe.relationEmbeddings.assign(tf.zeros([1, 2]));
    const loss = assertNoTensorLeak(() => tf.tidy(() => transe.loss(batch, table).dataSync()[0] as number));
    // g = ‖0 + 0 − 0‖² = 0 and g′ = ‖0 − [5, 5]‖² = 50; the L2 term: (0 + 0 + 0 + 50) / 2 · 1e-5.
    expect(loss).toBeCloseTo(Math.log1p(Math.exp(-50)) + 1e-5 * 25, 6);
    tf.dispose([rows, table, ...Object.values(batch)]);
    transr.dispose();
    transe.dispose();
  });

  it('names an unknown option and a size out of range', () => {
    expect(() => kgEmbeddings.create('transr', { numEntities: 5, numRelations: 2, entityDimm: 4 })).toThrow(
      'Unrecognized key: "entityDimm"; valid keys: numEntities, numRelations, entityDim, relationDim, l2, seed',
    );
    expect(() => new TransE({ numEntities: 0, numRelations: 1 })).toThrow('transe options: numEntities: Too small');
  });
});

describe('registry and config', () => {
  it('creates from a config and round-trips it', () => {
    const model = kgEmbeddings.create('transr', { numEntities: 5, numRelations: 2, entityDim: 4, relationDim: 3 });
    const config = model.getConfig();
    expect(config).toEqual({
      name: 'transr',
      options: { numEntities: 5, numRelations: 2, entityDim: 4, relationDim: 3, l2: 1e-5, seed: 2025 },
    });
    const again = kgEmbeddings.create(config.name, config.options);
    expect(again.getConfig()).toEqual(config);
    expect(Array.from(again.entityEmbeddings.dataSync())).toEqual(Array.from(model.entityEmbeddings.dataSync())); // same seed, same init
    expect(model.variables.map((v) => v.shape)).toEqual([
      [5, 4],
      [2, 3],
      [2, 4, 3],
    ]);
    expect(kgEmbeddings.list()).toEqual(['transe', 'transr']);
    model.dispose();
    again.dispose();
    expect(new TransE({ numEntities: 2, numRelations: 1 }).variables.map((v) => v.shape)).toEqual([
      [2, 64],
      [1, 64],
    ]);
  });
});
