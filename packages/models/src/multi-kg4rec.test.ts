import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeFeatures } from '@kg4rec/core';
import { initBackend } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MULTI_KG4REC_VARIANTS, MultiKG4Rec, type MultiKg4recOptions } from './multi-kg4rec';
import { loadModel, saveModel } from './persistence';
import { COLD, coldPrecision, plantedData, SMALL_MULTI_KG4REC, train, WARM } from './planted-for-tests';
import { createModel } from './registry';

const SMALL = SMALL_MULTI_KG4REC;
describe('Multi-KG4Rec', () => {
  it.each(MULTI_KG4REC_VARIANTS)(
    '%s: trains (CF and KG steps) without leaking, scores every item, and splits ŷ by modality exactly',
    async (variant) => {
      await initBackend('cpu');
      const data = plantedData();
      const model = createModel({ name: 'multikg4rec', options: { ...SMALL, variant } }, data.context) as MultiKG4Rec;
      train(model, data, 2);
      const before = tf.memory().numTensors;
      const losses = train(model, data, 3);
      expect(tf.memory().numTensors).toBe(before);
      expect(losses.every(Number.isFinite)).toBe(true);
      const scores = await model.fullSortScores(Int32Array.from([0, 1]));
      expect(scores).toHaveLength(2 * (WARM + COLD));
      const parts = await model.modalityScores(Int32Array.from([0, 1]), Int32Array.from([5, 50]));
      expect(parts.map((p) => p.modality)).toEqual(
        variant === 'w/o t&v' ? ['id'] : variant === 'w/o v' ? ['text'] : variant === 'w/o t' ? ['visual'] : ['visual', 'text'],
      );
      const summed = [0, 1].map((k) => parts.reduce((s, p) => s + (p.scores[k] as number), 0));
      expect(summed[0]).toBeCloseTo(scores[5] as number, 4);
      expect(summed[1]).toBeCloseTo(scores[WARM + COLD + 50] as number, 4);
      expect(model.getConfig()).toMatchObject({ name: 'multikg4rec', options: { variant } });
      const attended = await model.attendedNeighbours(5, 3);
      expect(attended.length).toBeGreaterThan(0);
      expect(attended.every((a, k) => k === 0 || a.weight <= (attended[k - 1]?.weight ?? 0))).toBe(true);
      model.dispose();
      expect(tf.memory().numTensors).toBeLessThan(before);
    },
  );

  it('saves and reloads to the same scores', async () => {
    await initBackend('cpu');
    const data = plantedData();
    const model = new MultiKG4Rec(data.context, SMALL);
    train(model, data, 3);
    const dir = mkdtempSync(join(tmpdir(), 'kg4rec-mkg-'));
    try {
      await saveModel(model, join(dir, 'model'));
      const loaded = loadModel(join(dir, 'model'), data.context);
      const users = Int32Array.from([0, 1, 2]);
      expect(Array.from(await loaded.fullSortScores(users))).toEqual(Array.from(await model.fullSortScores(users)));
      loaded.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      model.dispose();
    }
  });

  it('gives nodes after the items their reduced features as layer 0 where they own features (fusion on)', async () => {
    await initBackend('cpu');
    const data = plantedData();
    const owner = data.ckg.numNodes - 1;
    const content = data.context.content ?? {};
    const withOwner = (features: NodeFeatures): NodeFeatures => {
      const has = Uint8Array.from(features.has);
      has[owner] = 1;
      const values = Float32Array.from(features.values);
      values.fill(0.5, owner * features.dim, (owner + 1) * features.dim);
      return { dim: features.dim, values, has };
    };
    const context = { ...data.context, content: { ...content, visual: withOwner(content.visual as NodeFeatures) } };
    // `w/o t` builds layer 0 by a gather over every node; its visual reduction has the full model's seed.
    const [full, visualOnly] = (['full', 'w/o t'] as const).map((variant) => new MultiKG4Rec(context, { ...SMALL, variant }));
    const layerZero = (model: MultiKG4Rec, node: number) =>
      tf.tidy(() => {
        const zeros = (model as unknown as { layerZeros(training: boolean): tf.Tensor2D[] }).layerZeros(false);
        return Array.from(tf.gather(zeros[0] as tf.Tensor2D, [node]).dataSync());
      });
    for (const node of [owner, owner - 1]) expect(layerZero(full as MultiKG4Rec, node)).toEqual(layerZero(visualOnly as MultiKG4Rec, node));
    full?.dispose();
    visualOnly?.dispose();
  });

  it('fuses every item in every step when asked (fusionItemsPerStep 0), without leaking', async () => {
    await initBackend('cpu');
    const data = plantedData();
    const model = new MultiKG4Rec(data.context, { ...SMALL, fusionItemsPerStep: 0 });
    train(model, data, 1);
    const before = tf.memory().numTensors;
    expect(train(model, data, 2).every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('carries a signal planted only in the visual features to cold items, which w/o t&v cannot', async () => {
    await initBackend('cpu');
    const data = plantedData();
    // One run is too noisy to judge (the same model ranged 0.57–1.0 over five seeds, and a
    // float-level change of the code moves a seed by 0.3): compare the means over five seeds.
    const meanOverSeeds = async (variant: 'full' | 'w/o t&v') => {
      let sum = 0;
      for (const seed of [5, 6, 7, 8, 9]) {
        const model = new MultiKG4Rec(data.context, { ...SMALL, variant, seed });
        train(model, data, 120);
        sum += await coldPrecision(model, data);
        model.dispose();
      }
      return sum / 5;
    };
    const [withFusion, without] = [await meanOverSeeds('full'), await meanOverSeeds('w/o t&v')];
    // Measured (cpu, the default 64 items fused per step): 0.822 against 0.563 (16 items: 0.846); chance 0.5.
    expect(withFusion).toBeGreaterThan(0.7);
    expect(withFusion).toBeGreaterThan(without + 0.15);
  }, 120_000);

  it('names what a variant lacks, allocating nothing', async () => {
    const data = plantedData();
    const before = tf.memory().numTensors;
    const { visual, ...withoutVisual } = data.context.content ?? {};
    expect(visual).toBeDefined();
    expect(() => new MultiKG4Rec({ ...data.context, content: withoutVisual }, SMALL)).toThrow(
      "variant 'full' needs visual features (context.content.visual)",
    );
    const { sequences, ...withoutSequences } = data.context.content ?? {};
    expect(sequences).toBeDefined();
    expect(() => new MultiKG4Rec({ ...data.context, content: withoutSequences }, SMALL)).toThrow(
      'needs each item’s neighbour sequence'.replace('’', "'"),
    );
    const visualNone = { ...(visual as NonNullable<typeof visual>), has: new Uint8Array(visual?.has.length ?? 0) };
    expect(() => new MultiKG4Rec({ ...data.context, content: { ...data.context.content, visual: visualNone } }, SMALL)).toThrow(
      'multikg4rec: no node has visual features (an empty feature table',
    );
    expect(() => new MultiKG4Rec(data.context, { variant: 'w/o x' as 'full' })).toThrow(
      'multikg4rec options: variant: Invalid option: expected one of "full"|"t2v"|"v2t"|"w/o v"|"w/o t"|"w/o t&v"',
    );
    const textOnly = new MultiKG4Rec(
      { ...data.context, content: { ...(data.context.content ?? {}), visual: undefined } },
      { ...SMALL, variant: 'w/o v' },
    );
    textOnly.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains with TransE in the KG-embedding slot, by config alone, and names a fusion block option it does not know', async () => {
    await initBackend('cpu');
    const data = plantedData();
    const before = tf.memory().numTensors;
    const model = createModel({ name: 'multikg4rec', options: { ...SMALL, kgEmbedding: 'transe' } }, data.context) as MultiKG4Rec;
    expect(model.kg.getConfig().name).toBe('transe');
    const losses = train(model, data, 3);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(model.getConfig().options).toMatchObject({ kgEmbedding: 'transe', fusion: SMALL.fusion });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const typo = { ...SMALL, fusion: { name: 'bi-transformer', options: { head: 2 } } };
    expect(() => createModel({ name: 'multikg4rec', options: typo }, data.context)).toThrow(
      'fusion block \'bi-transformer\' options: (root): Unrecognized key: "head"; valid keys: dim, heads',
    );
    expect(() =>
      createModel({ name: 'multikg4rec', options: { ...SMALL, fusion: { name: 'bi-transformer', options: { dim: 16 } } } }, data.context),
    ).toThrow("fusion block 'bi-transformer': option 'dim' is set by the model that holds it (8), got 16; leave it out");
    expect(tf.memory().numTensors).toBe(before);
  });
});
