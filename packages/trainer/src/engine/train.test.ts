import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, Rng } from '@kg4rec/core';
import { buildCollaborativeKg, DatasetBuilder, modelContext, splitInteractions } from '@kg4rec/kg';
import { createModel } from '@kg4rec/models';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type EpochRecord, trainModel } from './train';

/** 40 users who each like 10 of the 20 items of their own half of a 40-item catalogue, and a genre KG. */
function clusteredData() {
  const builder = new DatasetBuilder();
  const rng = new Rng(5);
  for (let u = 0; u < 40; u++) builder.users.add(`u${u}`);
  for (let i = 0; i < 40; i++) builder.items.add(`i${i}`);
  for (let u = 0; u < 40; u++)
    for (const i of rng.shuffle(Array.from({ length: 20 }, (_, k) => (u % 2) * 20 + k)).slice(0, 10)) builder.addInteraction(u, i);
  const relation = builder.relations.add('genre');
  const genres = [builder.entities.add('g0'), builder.entities.add('g1')];
  for (let i = 0; i < 40; i++) builder.addTriple(builder.itemEntityOf(i), relation, genres[Math.floor(i / 20)] as number);
  const dataset = builder.build('clustered');
  const split = splitInteractions(dataset, { kind: 'random', seed: 1 });
  const ckg = buildCollaborativeKg(dataset, split.train);
  return { data: { dataset, split, ckg }, context: modelContext(dataset, ckg) };
}

describe('trainModel', () => {
  it.each(['bprmf', 'cke', 'kgat'])('%s learns the clusters: test recall beats chance, selected on validation, no leaks', async (name) => {
    await initBackend('wasm');
    const { data, context } = clusteredData();
    const sizes = { bprmf: { dim: 8 }, cke: { dim: 8, relationDim: 8 }, kgat: { dim: 8, relationDim: 8, layerDims: [8] } }[name];
    const model = createModel({ name, options: sizes ?? {} }, context);
    const before = tf.memory().numTensors;
    const records: EpochRecord[] = [];
    const result = await trainModel(
      model,
      data,
      { epochs: 8, lr: 0.02, cfBatchSize: 64, kgBatchSize: 64, ks: [10], selectBy: 'recall@10', patience: 8 },
      { onEpoch: (r) => records.push(r) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(records.map((r) => r.epoch)).toEqual(result.history.map((r) => r.epoch));
    expect(records.every((r) => r.valid?.['recall@10'] !== undefined)).toBe(true);
    expect(records.at(-1)?.cfLoss).toBeLessThan(records[0]?.cfLoss as number);
    if (name !== 'bprmf') expect(records[0]?.kgLoss).toBeGreaterThan(0);
    const bestValid = Math.max(...records.map((r) => r.valid?.['recall@10'] ?? 0));
    expect(records[result.bestEpoch - 1]?.valid?.['recall@10']).toBe(bestValid);
    // A random ranking of the 20 unseen items of a user's own half among ~35 candidates recalls about 10/35 at 10.
    expect(result.test.means['recall@10']).toBeGreaterThan(0.45);
    model.dispose();
  });

  it('stops early after `patience` evaluations without improvement, and rejects an unknown selectBy', async () => {
    await initBackend('cpu');
    const { data, context } = clusteredData();
    const model = createModel({ name: 'bprmf', options: { dim: 4 } }, context);
    const result = await trainModel(model, data, { epochs: 50, lr: 0, patience: 2, ks: [10], selectBy: 'ndcg@10' });
    expect(result.history).toHaveLength(3); // lr 0: never improves after the first evaluation
    await expect(trainModel(model, data, { epochs: 1, ks: [10], selectBy: 'recall@20' })).rejects.toThrow(
      "selectBy 'recall@20' is not among the validation metrics",
    );
    model.dispose();
  });

  it('resumes a killed run from its checkpoint and ends exactly as the uninterrupted run', async () => {
    await initBackend('wasm');
    const { data, context } = clusteredData();
    const options = { epochs: 4, lr: 0.02, cfBatchSize: 64, kgBatchSize: 64, ks: [10], selectBy: 'recall@10', evalEvery: 1 };
    const modelConfig = { name: 'kgat', options: { dim: 8, relationDim: 8, layerDims: [8, 4], dropout: 0.2 } };
    const root = mkdtempSync(join(tmpdir(), 'kg4rec-resume-'));
    try {
      const whole = createModel(modelConfig, context);
      const uninterrupted = await trainModel(whole, data, options, { checkpointDir: join(root, 'whole') });
      const wholeWeights = whole.variables.map((v) => Array.from(v.dataSync()));
      whole.dispose();

      const killed = createModel(modelConfig, context);
      const kill = (record: EpochRecord) => {
        if (record.epoch === 2) throw new Error('killed after epoch 2');
      };
      await expect(trainModel(killed, data, options, { checkpointDir: join(root, 'run'), onEpoch: kill })).rejects.toThrow('killed');
      killed.dispose();
      expect(readdirSync(join(root, 'run'))).toEqual(['epoch-0001', 'epoch-0002']); // the newest two are kept

      const before = tf.memory().numTensors;
      const fresh = createModel(modelConfig, context);
      const resumed = await trainModel(fresh, data, options, { checkpointDir: join(root, 'run'), resume: true });
      expect(resumed.resumedAfter).toBe(2);
      const untimed = (history: EpochRecord[]) => history.map(({ seconds: _, ...rest }) => rest);
      expect(untimed(resumed.history)).toEqual(untimed(uninterrupted.history));
      expect(resumed.bestEpoch).toBe(uninterrupted.bestEpoch);
      expect(resumed.test.means).toEqual(uninterrupted.test.means);
      expect(fresh.variables.map((v) => Array.from(v.dataSync()))).toEqual(wholeWeights);
      fresh.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
