import { initBackend, Rng } from '@kg4rec/core';
import { assertNoTensorLeak, checkGradients, loadableBackends } from '@kg4rec/core/testing';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BiTransformer, type BiTransformerOptions, type FusionDirection } from './bi-transformer';
import { fusionBlocks } from './index';
import { referenceForward, referenceWeights } from './reference-for-tests';

const SMALL: Partial<BiTransformerOptions> = { dim: 4, heads: 2, ffnDim: 6, dropout: 0, seed: 7 };

function randomSequence(rng: Rng, batch: number, length: number, dim: number): number[][][] {
  return Array.from({ length: batch }, () => Array.from({ length }, () => Array.from({ length: dim }, () => rng.normal())));
}

function maxAbsDifference(a: number[] | number[][] | number[][][], b: number[] | number[][] | number[][][]): number {
  const flatA = (a as number[]).flat(3) as number[];
  const flatB = (b as number[]).flat(3) as number[];
  return Math.max(...flatA.map((x, i) => Math.abs(x - (flatB[i] as number))));
}

/** Runs a model on nested arrays; returns nested arrays (and weights when asked). */
function run(model: BiTransformer, visual: number[][][], text: number[][][], mask: number[][], attention = false) {
  return tf.tidy(() => {
    const out = model.forward(tf.tensor3d(visual), tf.tensor3d(text), tf.tensor2d(mask), { attention });
    return {
      visual: out.visual.arraySync(),
      text: out.text.arraySync(),
      attention: out.attention?.map((a) => ({ visual: a.visual.arraySync(), text: a.text.arraySync() })),
    };
  });
}

describe.each(await loadableBackends())('BiTransformer on %s', (backend) => {
  it('matches a hand-written float64 reference on 2 tokens and 2 heads, for every direction', async () => {
    await initBackend(backend);
    const rng = new Rng(3);
    const visual = randomSequence(rng, 1, 2, 4);
    const text = randomSequence(rng, 1, 2, 4);
    for (const direction of ['both', 't2v', 'v2t', 'none'] as FusionDirection[]) {
      const model = new BiTransformer({ ...SMALL, blocks: 1, direction });
      const ours = run(model, visual, text, [[1, 1]], true);
      const reference = referenceForward(referenceWeights(model), visual[0] as number[][], text[0] as number[][], [1, 1], {
        direction,
        heads: 2,
        epsilon: 1e-5,
      });
      expect(maxAbsDifference(ours.visual[0] as number[][], reference.visual)).toBeLessThan(1e-5);
      expect(maxAbsDifference(ours.text[0] as number[][], reference.text)).toBeLessThan(1e-5);
      const weights = ours.attention?.[0];
      expect(maxAbsDifference(weights?.visual[0] as number[][][], reference.attention[0]?.visual as number[][][])).toBeLessThan(1e-6);
      model.dispose();
    }
  });

  it('attends uniformly over the unpadded keys of both streams when queries are zero (worked by hand)', async () => {
    await initBackend(backend);
    const model = new BiTransformer({ ...SMALL, blocks: 1 });
    for (const side of ['visual', 'text']) {
      const wq = model.variables.find((v) => v.name.endsWith(`0.${side}.wq`));
      wq?.assign(tf.zeros([4, 4]));
    }
    const rng = new Rng(4);
    const out = run(model, randomSequence(rng, 1, 2, 4), randomSequence(rng, 1, 2, 4), [[1, 0]], true);
    // Scores are all 0; the padded position (index 1 of each stream) is masked: keys [v0, v1, t0, t1] get [½, 0, ½, 0].
    for (const head of out.attention?.[0]?.visual[0] ?? []) for (const row of head) expect(row).toEqual([0.5, 0, 0.5, 0]);
    model.dispose();
  });

  it('direction variants differ exactly where they should', async () => {
    await initBackend(backend);
    const rng = new Rng(5);
    const visual = randomSequence(rng, 2, 3, 4);
    const text = randomSequence(rng, 2, 3, 4);
    const otherText = randomSequence(rng, 2, 3, 4);
    const mask = [
      [1, 1, 1],
      [1, 1, 0],
    ];
    const outputs = Object.fromEntries(
      (['both', 't2v', 'v2t', 'none'] as FusionDirection[]).map((direction) => {
        const model = new BiTransformer({ ...SMALL, blocks: 2, direction });
        const result = { same: run(model, visual, text, mask), changedText: run(model, visual, otherText, mask) };
        model.dispose();
        return [direction, result];
      }),
    ) as Record<FusionDirection, { same: ReturnType<typeof run>; changedText: ReturnType<typeof run> }>;
    const differ = (a: number[][][], b: number[][][]) => maxAbsDifference(a, b) > 1e-3;
    // Visual queries never see text under t2v and none: their output ignores the text stream.
    expect(maxAbsDifference(outputs.t2v.same.visual, outputs.none.same.visual)).toBe(0);
    expect(maxAbsDifference(outputs.t2v.same.visual, outputs.t2v.changedText.visual)).toBe(0);
    expect(maxAbsDifference(outputs.v2t.same.text, outputs.none.same.text)).toBe(0);
    // Where a stream looks across, the other modality changes it.
    expect(differ(outputs.both.same.visual, outputs.both.changedText.visual)).toBe(true);
    expect(differ(outputs.v2t.same.visual, outputs.v2t.changedText.visual)).toBe(true);
    expect(differ(outputs.t2v.same.text, outputs.none.same.text)).toBe(true);
    expect(differ(outputs.both.same.visual, outputs.none.same.visual)).toBe(true);
  });

  it('masks keep padded positions from receiving attention and from changing real positions', async () => {
    await initBackend(backend);
    const model = new BiTransformer({ ...SMALL, blocks: 2 });
    const rng = new Rng(6);
    const visual = randomSequence(rng, 1, 3, 4);
    const text = randomSequence(rng, 1, 3, 4);
    const scrambled = (x: number[][][]) => [[x[0]?.[0] as number[], x[0]?.[1] as number[], [9, -9, 9, -9]]];
    const a = run(model, visual, text, [[1, 1, 0]], true);
    const b = run(model, scrambled(visual), scrambled(text), [[1, 1, 0]], true);
    expect(maxAbsDifference(a.visual[0]?.slice(0, 2) as number[][], b.visual[0]?.slice(0, 2) as number[][])).toBeLessThan(1e-6);
    expect(maxAbsDifference(a.text[0]?.slice(0, 2) as number[][], b.text[0]?.slice(0, 2) as number[][])).toBeLessThan(1e-6);
    for (const block of a.attention ?? []) {
      for (const head of block.visual[0] ?? []) for (const row of head) expect([row[2], row[5]]).toEqual([0, 0]);
      for (const head of block.text[0] ?? []) for (const row of head) expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
    }
    model.dispose();
  });

  it('fuse equals position 0 of forward, for every direction, with padding', async () => {
    await initBackend(backend);
    const rng = new Rng(12);
    const visual = randomSequence(rng, 2, 4, 4);
    const text = randomSequence(rng, 2, 4, 4);
    const mask = [
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ];
    for (const direction of ['both', 't2v', 'v2t', 'none'] as FusionDirection[]) {
      const model = new BiTransformer({ ...SMALL, blocks: 3, direction });
      const full = run(model, visual, text, mask);
      const fused = assertNoTensorLeak(() =>
        tf.tidy(() => {
          const out = model.fuse(tf.tensor3d(visual), tf.tensor3d(text), tf.tensor2d(mask));
          return { visual: out.visual.arraySync(), text: out.text.arraySync() };
        }),
      );
      expect(
        maxAbsDifference(
          fused.visual,
          full.visual.map((rows) => rows[0] as number[]),
        ),
      ).toBeLessThan(1e-5);
      expect(
        maxAbsDifference(
          fused.text,
          full.text.map((rows) => rows[0] as number[]),
        ),
      ).toBeLessThan(1e-5);
      model.dispose();
    }
  });

  it('gives gradients that match finite differences of the reference', async () => {
    await initBackend(backend);
    const model = new BiTransformer({ ...SMALL, blocks: 2 });
    const weights = referenceWeights(model);
    const rng = new Rng(8);
    const [visual, text] = [randomSequence(rng, 1, 3, 4), randomSequence(rng, 1, 3, 4)];
    const mask = [1, 1, 0];
    const toRows = (values: Float64Array) => Array.from({ length: 3 }, (_, i) => Array.from(values.subarray(i * 4, i * 4 + 4)));
    const report = checkGradients({
      op: (v, t) => {
        const out = model.forward(
          tf.reshape(v as tf.Tensor, [1, 3, 4]) as tf.Tensor3D,
          tf.reshape(t as tf.Tensor, [1, 3, 4]) as tf.Tensor3D,
          tf.tensor2d([mask]),
        );
        return tf.concat([tf.reshape(out.visual, [-1]), tf.reshape(out.text, [-1])]);
      },
      reference: (v, t) => {
        const out = referenceForward(weights, toRows(v), toRows(t), mask, { direction: 'both', heads: 2, epsilon: 1e-5 });
        return Float64Array.from([...out.visual.flat(), ...out.text.flat()]);
      },
      inputs: [
        { values: (visual[0] as number[][]).flat(), shape: [12] },
        { values: (text[0] as number[][]).flat(), shape: [12] },
      ],
    });
    expect(report.maxForwardError).toBeLessThan(1e-4);
    expect(report.maxError).toBeLessThan(2e-2);
    model.dispose();
  });

  it('leaks no tensors in a training step, and trains every variable', async () => {
    await initBackend(backend);
    const model = new BiTransformer({ ...SMALL, blocks: 2, dropout: 0.2 });
    const rng = new Rng(9);
    const visual = tf.tensor3d(randomSequence(rng, 2, 3, 4));
    const text = tf.tensor3d(randomSequence(rng, 2, 3, 4));
    const mask = tf.tensor2d([
      [1, 1, 1],
      [1, 0, 0],
    ]);
    assertNoTensorLeak(() => {
      const { grads, value } = tf.variableGrads(() => {
        const fused = model.fuse(visual, text, mask, { training: true });
        return tf.add(tf.sum(tf.square(fused.visual)), tf.sum(tf.mul(fused.text, 0.5))) as tf.Scalar;
      });
      expect(Object.keys(grads)).toHaveLength(model.variables.length);
      tf.dispose([value, ...Object.values(grads)]);
    });
    tf.dispose([visual, text, mask]);
    model.dispose();
  });
});

describe('BiTransformer options and shapes', () => {
  it('refuses heads that do not divide dim, and names mismatched shapes', () => {
    expect(() => new BiTransformer({ dim: 6, heads: 4 })).toThrow('heads (4) must divide dim (6)');
    expect(() => new BiTransformer({ direction: 'sideways' as FusionDirection })).toThrow(
      'bi-transformer options: direction: Invalid option: expected one of "both"|"t2v"|"v2t"|"none"',
    );
    expect(() => new BiTransformer({ blocks: 0 })).toThrow('blocks: Too small');
    expect(() => new BiTransformer({ head: 2 } as never)).toThrow('Unrecognized key: "head"; valid keys: dim, heads, blocks');
    const model = new BiTransformer(SMALL);
    tf.tidy(() => {
      expect(() => model.forward(tf.zeros([1, 2, 4]), tf.zeros([1, 3, 4]), tf.ones([1, 2]))).toThrow(
        'got visual [1,2,4], text [1,3,4], mask [1,2]',
      );
    });
    model.dispose();
  });

  it('frees every tensor it created when disposed (initial values included)', () => {
    const before = tf.memory().numTensors;
    new BiTransformer(SMALL).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is registered as bi-transformer, with the paper’s defaults', () => {
    const model = fusionBlocks.create('bi-transformer', { dim: 64, direction: 'both', seed: 1 });
    expect(model.getConfig()).toMatchObject({
      name: 'bi-transformer',
      options: { dim: 64, heads: 8, blocks: 3, ffnDim: 256, direction: 'both' },
    });
    expect(model.variables).toHaveLength(3 * 2 * 12);
    model.dispose();
  });
});
