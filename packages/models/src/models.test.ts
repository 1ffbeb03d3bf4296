import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, Rng } from '@kg4rec/core';
import { loadableBackends } from '@kg4rec/core/testing';
import { buildCollaborativeKg, CfSampler, DatasetBuilder, KgSampler, modelContext, splitInteractions } from '@kg4rec/kg';
import { evaluateFullRanking, userItems } from '@kg4rec/metrics';
import { kgEmbeddings } from '@kg4rec/transr';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createModel, type KGAT, loadModel, type ModelContext, modelNeeds, models, saveModel } from './index';

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
    ['bprmf', { dim: 8 }],
    ['cke', { dim: 8, relationDim: 8 }],
    ['kgat', { dim: 8, relationDim: 8, layerDims: [8, 4] }],
    ['kgat', { dim: 8, relationDim: 8, layerDims: [8, 4], attentionUpdate: 'batch', aggregator: 'graphsage' }],
    ['kgat', { dim: 8, layerDims: [8, 4], kgEmbedding: 'transe', attention: 'uniform' }],
  ] as const)('%s %o: alternating CF and KG steps lower the loss without leaking, then it evaluates', async (name, options) => {
    await initBackend(backend);
    const { dataset, split, ckg, context } = tinyData();
    const model = createModel({ name, options }, context);
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
    expect(config).toMatchObject({
      name: 'kgat',
      options: { dim: 4, layerDims: [4], aggregator: 'bi-interaction', kgEmbedding: { name: 'transr' }, attentionUpdate: 'epoch' },
    });
    const again = createModel(JSON.parse(JSON.stringify(config)), context);
    expect(again.getConfig()).toEqual(config);
    expect(again.variables.map((v) => Array.from(v.dataSync()))).toEqual(model.variables.map((v) => Array.from(v.dataSync())));
    model.dispose();
    again.dispose();
  });

  it.each([
    ['bprmf', { dim: 4 }],
    ['cke', { dim: 4, relationDim: 4 }],
    ['kgat', { dim: 4, relationDim: 4, layerDims: [4, 2] }],
  ] as const)('%s: creating and disposing leaves no tensors behind', (name, options) => {
    const { context } = tinyData();
    const before = tf.memory().numTensors;
    createModel({ name, options }, context).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names what is missing', () => {
    expect(models.list()).toEqual(['bprmf', 'cke', 'kgat', 'mkgat', 'multikg4rec']);
    expect(() => createModel('kgat', { numUsers: 1, numItems: 1 })).toThrow("model 'kgat' needs the collaborative KG (context.graph)");
    expect(() => (models.create as (name: string) => unknown)('bprmf')).toThrow('a model needs the data it is built for');
    expect(() => createModel('lightgcn', { numUsers: 1, numItems: 1 })).toThrow(
      "unknown model 'lightgcn': expected one of 'bprmf', 'cke', 'kgat'",
    );
  });
});

describe('model options', () => {
  it.each(models.list())('%s: an unknown option is an error naming it and the valid keys; ranges are checked', (name) => {
    const { context } = tinyData();
    expect(() => createModel({ name, options: { dimm: 8 } }, context)).toThrow(/Unrecognized key: "dimm"; valid keys: dim, /);
    expect(() => createModel({ name, options: { dim: 0 } }, context)).toThrow(/dim: Too small: expected number to be >=1/);
  });

  it('checks layer sizes and slot forms before building anything', () => {
    const { context } = tinyData();
    const before = tf.memory().numTensors;
    expect(() => createModel({ name: 'kgat', options: { layerDims: [] } }, context)).toThrow('layerDims: Too small');
    expect(() => createModel({ name: 'kgat', options: { layerDims: ['a', 'b'] } }, context)).toThrow(
      'layerDims[0]: Invalid input: expected number',
    );
    expect(() => createModel({ name: 'kgat', options: { kgEmbedding: 'transx' } }, context)).toThrow(
      "unknown KG embedding 'transx': expected one of 'transe', 'transr'",
    );
    expect(() => createModel({ name: 'kgat', options: { aggregator: 'mean' } }, context)).toThrow("unknown aggregator 'mean'");
    expect(() => createModel({ name: 'kgat', options: { attention: 'gat' } }, context)).toThrow("unknown attention 'gat'");
    expect(() => createModel({ name: 'cke', options: { kgEmbedding: 'transx' } }, context)).toThrow("unknown KG embedding 'transx'");
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes a KG embedding instance, checks its sizes, and saves it as its config', async () => {
    await initBackend('cpu');
    const { context } = tinyData();
    const graph = context.graph as NonNullable<typeof context.graph>;
    const transe = kgEmbeddings.create('transe', { numEntities: graph.numNodes, numRelations: graph.numRelations, entityDim: 4, seed: 7 });
    const model = createModel({ name: 'kgat', options: { dim: 4, layerDims: [4], kgEmbedding: transe } }, context);
    expect((model as KGAT).kg).toBe(transe);
    const saved = JSON.parse(JSON.stringify(model.getConfig()));
    expect(saved.options.kgEmbedding).toEqual({ name: 'transe', options: { relationDim: 64, l2: 1e-5, seed: 7 } });
    const again = createModel(saved, context);
    expect(Array.from(again.variables[0]?.dataSync() ?? [])).toEqual(Array.from(transe.entityEmbeddings.dataSync()));
    const wrong = kgEmbeddings.create('transe', { numEntities: 3, numRelations: graph.numRelations, entityDim: 4 });
    expect(() => createModel({ name: 'kgat', options: { dim: 4, layerDims: [4], kgEmbedding: wrong } }, context)).toThrow(
      `kgat: the KG embedding has 3 × 4 entities and ${graph.numRelations} relations; this graph needs ${graph.numNodes} × 4`,
    );
    tf.dispose(wrong.variables);
    model.dispose();
    again.dispose();
  });

  it('says what each model needs from the data', () => {
    expect(modelNeeds('bprmf')).toEqual({ graph: false, content: [] });
    expect(modelNeeds('kgat')).toEqual({ graph: true, content: [] });
    expect(modelNeeds('multikg4rec').content).toEqual(['visual', 'text', 'sequences']);
    expect(modelNeeds({ name: 'multikg4rec', options: { variant: 'w/o v' } }).content).toEqual(['text']);
    expect(modelNeeds({ name: 'multikg4rec', options: { variant: 'w/o t&v' } }).content).toEqual([]);
    expect(() => modelNeeds({ name: 'multikg4rec', options: { variantt: 'full' } })).toThrow('Unrecognized key: "variantt"');
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
