import type { NewItems, NodeFeatures } from '@kg4rec/core';
import { initBackend } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MULTI_KG4REC_VARIANTS, MultiKG4Rec, type MultiKg4recOptions } from './multi-kg4rec';
import { COLD, plantedData, SMALL_MULTI_KG4REC, train, WARM } from './planted-for-tests';

const SMALL = SMALL_MULTI_KG4REC;
const ISOLATED = 3;
const FIRST_ISOLATED = WARM + COLD;
const USERS = Int32Array.from([0, 1, 7]);

/** The isolated items' rows of some node features, as a new item's features. */
function rowsOf(features: NodeFeatures | undefined): Float32Array {
  const { dim, values } = features as NodeFeatures;
  return values.slice(FIRST_ISOLATED * dim, (FIRST_ISOLATED + ISOLATED) * dim);
}

describe('Multi-KG4Rec on items added after training', () => {
  const data = plantedData({ isolated: ISOLATED });
  const content = data.context.content ?? {};
  const asNew: NewItems = { count: ISOLATED, visual: rowsOf(content.visual), text: rowsOf(content.text) };
  const numItems = data.context.numItems;

  it.each(MULTI_KG4REC_VARIANTS.filter((v) => v !== 'w/o t&v'))(
    '%s: scores a new item from its features as it scores the same item trained in the graph without edges',
    async (variant) => {
      await initBackend('cpu');
      const model = new MultiKG4Rec(data.context, { ...SMALL, variant });
      train(model, data, 4);
      const before = tf.memory().numTensors;
      const { scores, parts } = await model.scoreNewItems(USERS, asNew);
      expect(tf.memory().numTensors).toBe(before);
      const all = await model.fullSortScores(USERS);
      const inGraph = Array.from(USERS, (_, u) =>
        Array.from({ length: ISOLATED }, (_, k) => all[u * numItems + FIRST_ISOLATED + k] as number),
      ).flat();
      expect(scores).toHaveLength(USERS.length * ISOLATED);
      Array.from(scores).forEach((score, k) => {
        expect(score).toBeCloseTo(inGraph[k] as number, 4);
      });
      const summed = Array.from(scores, (_, k) => (parts ?? []).reduce((sum, p) => sum + (p.scores[k] as number), 0));
      summed.forEach((sum, k) => {
        expect(sum).toBeCloseTo(scores[k] as number, 5);
      });
      model.dispose();
    },
  );

  it('scores other content than the isolated items had, and tells which features are missing or the wrong width', async () => {
    await initBackend('cpu');
    const model = new MultiKG4Rec(data.context, SMALL);
    train(model, data, 2);
    const before = tf.memory().numTensors;
    const shifted = { ...asNew, visual: (asNew.visual as Float32Array).map((v) => v + 1) };
    const [plain, moved] = [await model.scoreNewItems(USERS, asNew), await model.scoreNewItems(USERS, shifted)];
    expect(Array.from(moved.scores)).not.toEqual(Array.from(plain.scores));
    await expect(model.scoreNewItems(USERS, { count: ISOLATED, visual: asNew.visual })).rejects.toThrow(
      "multikg4rec 'full': new items' text features are missing (this variant reads text content)",
    );
    await expect(model.scoreNewItems(USERS, { ...asNew, text: new Float32Array(5) })).rejects.toThrow(
      'new items’ text features: 5 values are not whole rows of 8 (the width the model was trained with)'.replace('’', "'"),
    );
    await expect(model.scoreNewItems(USERS, { ...asNew, count: 2 })).rejects.toThrow('3 rows for 2 items');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('w/o t&v reads no content and says it cannot score a new item', async () => {
    await initBackend('cpu');
    const model = new MultiKG4Rec(data.context, { ...SMALL, variant: 'w/o t&v' });
    await expect(model.scoreNewItems(USERS, asNew)).rejects.toThrow(
      "multikg4rec 'w/o t&v' reads no content, so it can score only the items it was trained with",
    );
    model.dispose();
  });
});
