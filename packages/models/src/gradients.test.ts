import { initBackend, Rng } from '@kg4rec/core';
import { buildCollaborativeKg, CfSampler, DatasetBuilder, KgSampler, modelContext, splitInteractions } from '@kg4rec/kg';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { createModel } from './index';

/** 12 users, 10 items, two relations (genre for all items, actor for four). */
function smallData() {
  const builder = new DatasetBuilder();
  const rng = new Rng(5);
  for (let u = 0; u < 12; u++) builder.users.add(`u${u}`);
  for (let i = 0; i < 10; i++) builder.items.add(`i${i}`);
  for (let u = 0; u < 12; u++)
    for (const i of rng.shuffle(Array.from({ length: 10 }, (_, k) => k)).slice(0, 4)) builder.addInteraction(u, i);
  const [genre, actor] = [builder.relations.add('genre'), builder.relations.add('actor')];
  const [g0, g1, a0] = [builder.entities.add('g0'), builder.entities.add('g1'), builder.entities.add('a0')];
  for (let i = 0; i < 10; i++) {
    builder.addTriple(builder.itemEntityOf(i), genre, i % 2 === 0 ? g0 : g1);
    if (i < 4) builder.addTriple(builder.itemEntityOf(i), actor, a0);
  }
  const dataset = builder.build('small');
  const split = splitInteractions(dataset, { kind: 'random', seed: 1 });
  return { dataset, split, ckg: buildCollaborativeKg(dataset, split.train) };
}

/** Largest |analytic − central difference| / (|analytic| + |numeric|) over a few entries of every variable with a gradient. */
function worstGradientError(variables: tf.Variable[], loss: () => tf.Scalar, step: number): number {
  const { value, grads } = tf.variableGrads(loss, variables);
  value.dispose();
  let worst = 0;
  for (const variable of variables) {
    const gradient = grads[variable.name]?.dataSync();
    if (!gradient) continue;
    const original = variable.dataSync().slice();
    for (let k = 0; k < Math.min(original.length, 12); k++) {
      const at = (k * 7919) % original.length;
      const lossWith = (delta: number) => {
        const shifted = original.slice();
        shifted[at] = (shifted[at] as number) + delta;
        tf.tidy(() => variable.assign(tf.tensor(shifted, variable.shape)));
        return tf.tidy(() => loss().dataSync()[0] as number);
      };
      const numeric = (lossWith(step) - lossWith(-step)) / (2 * step);
      tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
      const analytic = gradient[at] as number;
      worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic)));
    }
  }
  tf.dispose(Object.values(grads));
  return worst;
}

it("KGAT's whole CF and KG losses have the gradients finite differences give (float32, cpu)", async () => {
  await initBackend('cpu');
  const { dataset, split, ckg } = smallData();
  const model = createModel(
    { name: 'kgat', options: { dim: 6, relationDim: 5, layerDims: [4, 3], dropout: 0, seed: 3 } },
    modelContext(dataset, ckg),
  );
  model.refresh?.();
  const cf = new CfSampler(dataset, split.train, new Rng(2)).sample(8);
  const kg = new KgSampler(ckg, new Rng(3)).sample(8);
  const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');
  const cfLoss = () => model.calculateLoss({ users: ids(cf.users), positives: ids(cf.positives), negatives: ids(cf.negatives) });
  const kgLoss = () =>
    model.kgLoss?.({ heads: ids(kg.heads), relations: ids(kg.relations), tails: ids(kg.tails), negativeTails: ids(kg.negativeTails) }) ??
    tf.scalar(0);
  const before = tf.memory().numTensors;
  // float32 central differences with step 1e-3: a few percent of error is rounding and LeakyReLU kinks.
  expect(worstGradientError(model.variables, cfLoss, 1e-3)).toBeLessThan(0.1);
  expect(worstGradientError(model.variables, kgLoss, 1e-3)).toBeLessThan(0.01);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
});
