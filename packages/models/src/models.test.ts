import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, Rng } from '@kg4rec/core';
import { loadableBackends } from '@kg4rec/core/testing';
import { buildCollaborativeKg, CfSampler, DatasetBuilder, KgSampler, modelContext, splitInteractions } from '@kg4rec/kg';
import { evaluateFullRanking, userItems } from '@kg4rec/metrics';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createModel, loadModel, type ModelContext, models, saveModel } from './index';

/** 30 users, 40 items in two taste clusters, a KG linking each item to its cluster's genre entity. */
function tinyData() {
  const builder = new DatasetBuilder();
  const rng = new Rng(1);
  for (let u = 0; u < 30; u++) builder.users.add(`u${u}`);
  for (let i = 0; i < 40; i++) builder.items.add(`i${i}`);
  for (let u = 0; u < 30; u++) {
    for (let n = 0; n < 8; n++) builder.addInteraction(u, (u % 2) * 20 + rng.int(20));
  }
  const genre = [builder.entities.add('genre:a'), builder.entities.add('genre:b')];
  const relation = builder.relations.add('genre');
  for (let i = 0; i < 40; i++) builder.addTriple(builder.itemEntityOf(i), relation, genre[i < 20 ? 0 : 1] as number);
  const dataset = builder.build('tiny');
  const split = splitInteractions(dataset, { kind: 'random', seed: 2 });
  const ckg = buildCollaborativeKg(dataset, split.train);
  const context: ModelContext = modelContext(dataset, ckg);
  return { dataset, split, ckg, context };
}

const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');

describe.each(await loadableBackends())('models on %s', (backend) => {
  it.each([
    ['bprmf', {}],
    ['cke', {}],
    ['kgat', {}],
    ['kgat', { attention: 'batch', aggregator: 'graphsage' }],
  ] as const)('%s %o: alternating CF and KG steps lower the loss without leaking, then it evaluates', async (name, extra) => {
    await initBackend(backend);
    const { dataset, split, ckg, context } = tinyData();
    const model = createModel({ name, options: { dim: 8, relationDim: 8, layerDims: [8, 4], ...extra } }, context);
    const cf = new CfSampler(dataset, split.train, new Rng(3));
    const kg = new KgSampler(ckg, new Rng(4));
    const optimizer = tf.train.adam(0.01);
    const cfStep = () =>
      tf.tidy(() => {
        const batch = cf.sample(64);
        return optimizer
          .minimize(
            () => model.calculateLoss({ users: ids(batch.users), positives: ids(batch.positives), negatives: ids(batch.negatives) }),
            true,
            model.variables,
          )
          ?.dataSync()[0] as number;
      });
    const kgStep = () =>
      tf.tidy(() => {
        const b = kg.sample(64);
        optimizer.minimize(
          () =>
            model.kgLoss?.({
              heads: ids(b.heads),
              relations: ids(b.relations),
              tails: ids(b.tails),
              negativeTails: ids(b.negativeTails),
            }) ?? tf.scalar(0),
          false,
          model.variables,
        );
      });
    model.refresh?.();
    const first = cfStep();
    if (model.kgLoss) kgStep();
    const before = tf.memory().numTensors;
    let last = first;
    for (let step = 0; step < 25; step++) {
      model.refresh?.();
      last = cfStep();
      if (model.kgLoss) kgStep();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first);
    const train = userItems(
      30,
      Array.from(split.train, (r) => dataset.interactions.user[r] as number),
      Array.from(split.train, (r) => dataset.interactions.item[r] as number),
    );
    const test = userItems(
      30,
      Array.from(split.test, (r) => dataset.interactions.user[r] as number),
      Array.from(split.test, (r) => dataset.interactions.item[r] as number),
    );
    const result = await evaluateFullRanking({
      numItems: 40,
      score: (users) => model.fullSortScores(users),
      relevant: test,
      train,
      ks: [10],
    });
    expect(result.means['recall@10']).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    model.dispose();
  });
});

describe('model registry and config', () => {
  it('recreates a model from its config with the same initial weights', () => {
    const { context } = tinyData();
    const model = createModel({ name: 'kgat', options: { dim: 4, relationDim: 4, layerDims: [4], seed: 9 } }, context);
    const config = model.getConfig();
    expect(config).toMatchObject({ name: 'kgat', options: { dim: 4, layerDims: [4], aggregator: 'bi-interaction', attention: 'epoch' } });
    const again = createModel(JSON.parse(JSON.stringify(config)), context);
    expect(again.getConfig()).toEqual(config);
    expect(again.variables.map((v) => Array.from(v.dataSync()))).toEqual(model.variables.map((v) => Array.from(v.dataSync())));
    model.dispose();
    again.dispose();
  });

  it.each(['bprmf', 'cke', 'kgat'])('%s: creating and disposing leaves no tensors behind', (name) => {
    const { context } = tinyData();
    const before = tf.memory().numTensors;
    createModel({ name, options: { dim: 4, relationDim: 4, layerDims: [4, 2] } }, context).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names what is missing', () => {
    expect(models.list()).toEqual(['bprmf', 'cke', 'kgat', 'mkgat', 'multikg4rec']);
    expect(() => createModel('kgat', { numUsers: 1, numItems: 1 })).toThrow("model 'kgat' needs the collaborative KG (context.graph)");
    expect(() => models.create('bprmf')).toThrow('a model needs the data it is built for');
    expect(() => createModel('lightgcn', { numUsers: 1, numItems: 1 })).toThrow(
      "unknown model 'lightgcn': expected one of 'bprmf', 'cke', 'kgat'",
    );
  });
});

describe('saving and loading', () => {
  it('reloads a trained model that scores exactly as before, and refuses the wrong data', async () => {
    await initBackend('cpu');
    const { context } = tinyData();
    const model = createModel({ name: 'kgat', options: { dim: 4, relationDim: 4, layerDims: [4], seed: 3 } }, context);
    for (const variable of model.variables) tf.tidy(() => variable.assign(tf.add(variable, 0.01)));
    model.refresh?.();
    const dir = join(tmpdir(), `kg4rec-model-${process.pid}-${Date.now()}`);
    await saveModel(model, dir);
    const loaded = loadModel(dir, context);
    loaded.refresh?.();
    const users = Int32Array.from([0, 5, 29]);
    expect(Array.from(await loaded.fullSortScores(users))).toEqual(Array.from(await model.fullSortScores(users)));
    expect(loaded.getConfig()).toEqual(model.getConfig());
    const bprmf = createModel('bprmf', { numUsers: 30, numItems: 40 });
    const bprmfDir = `${dir}-bprmf`;
    await saveModel(bprmf, bprmfDir);
    expect(() => loadModel(bprmfDir, { numUsers: 31, numItems: 40 })).toThrow(
      /variable 0 has shape \[30, 64\] but the model for this data needs \[31, 64\]/,
    );
    bprmf.dispose();
    await expect(saveModel(model, dir)).rejects.toThrow('already exists');
    writeFileSync(join(dir, 'model.json'), '{"format":"other"}');
    expect(() => loadModel(dir, context)).toThrow("expected format 'kg4rec-model-1', got 'other'");
    expect(() => loadModel(join(dir, 'missing'), context)).toThrow('cannot read a saved model');
    expect(existsSync(join(dir, 'weights.bin'))).toBe(true);
    model.dispose();
    loaded.dispose();
  });
});
