/**
 * A tiny multimodal dataset for tests of multimodal models: users and items of two classes, the
 * class planted in the items' visual features only, cold items without interactions; plus a
 * training loop with alternating CF and KG steps and a cold-item precision.
 */

import type { ModelContext, NodeFeatures } from '@kg4rec/core';
import { type KgTripleBatch, Rng } from '@kg4rec/core';
import { buildCollaborativeKg, CfSampler, DatasetBuilder, KgSampler, modelContext, neighbourSequences } from '@kg4rec/kg';
import * as tf from '@tensorflow/tfjs';
import type { DotProductRecommender } from './dot-product';
import type { MultiKg4recOptions } from './multi-kg4rec';

/** A model the loop can train: CF loss, KG loss and a per-epoch refresh. */
export type TrainableModel = DotProductRecommender & {
  kgLoss(batch: KgTripleBatch): tf.Scalar;
  refresh(): void;
};

/** A Multi-KG4Rec small enough for the planted data: width 8, one fusion block, no dropout. */
export const SMALL_MULTI_KG4REC: Partial<MultiKg4recOptions> = {
  dim: 8,
  relationDim: 8,
  layerDims: [8, 4],
  dropout: 0,
  fusion: { name: 'bi-transformer', options: { blocks: 1, heads: 2, ffnDim: 16, dropout: 0 } },
};

export const USERS = 40;
export const WARM = 40;
export const COLD = 20;
const FEATURE_DIM = 8;

/**
 * Users and items of two classes. Users interact only with warm items of their class; cold items
 * have no interactions. The item's class is planted in its visual features only; text features
 * and the KG (random genres) carry nothing. `isolated` items follow, with features and no edges
 * at all (as an item added after training would be).
 */
export function plantedData(options: { isolated?: number } = {}) {
  const rng = new Rng(11);
  const builder = new DatasetBuilder();
  const numItems = WARM + COLD + (options.isolated ?? 0);
  for (let u = 0; u < USERS; u++) builder.users.add(`u${u}`);
  for (let i = 0; i < numItems; i++) builder.items.add(`i${i}`);
  const classOf = (i: number) => i % 2;
  for (let u = 0; u < USERS; u++) {
    for (let n = 0; n < 8; n++) builder.addInteraction(u, 2 * rng.int(WARM / 2) + (u % 2));
  }
  const genres = [0, 1, 2].map((g) => builder.entities.add(`genre:${g}`));
  const relation = builder.relations.add('genre');
  for (let i = 0; i < WARM + COLD; i++) builder.addTriple(builder.itemEntityOf(i), relation, genres[rng.int(3)] as number);
  const dataset = builder.build('planted');
  const rows = Int32Array.from({ length: dataset.interactions.user.length }, (_, k) => k);
  const ckg = buildCollaborativeKg(dataset, rows);
  const features = (planted: boolean): NodeFeatures => {
    const values = new Float32Array(ckg.numNodes * FEATURE_DIM);
    const has = new Uint8Array(ckg.numNodes);
    for (let i = 0; i < numItems; i++) {
      has[i] = 1;
      for (let f = 0; f < FEATURE_DIM; f++)
        values[i * FEATURE_DIM + f] = rng.normal() * 0.3 + (planted && f === 0 ? (classOf(i) === 0 ? 1 : -1) : 0);
    }
    return { dim: FEATURE_DIM, values, has };
  };
  const sequences = neighbourSequences(ckg, { length: 4 });
  const context: ModelContext = { ...modelContext(dataset, ckg), content: { visual: features(true), text: features(false), sequences } };
  return { dataset, rows, ckg, context, classOf };
}

const ids = (values: Int32Array) => tf.tensor1d(values, 'int32');

export function train(model: TrainableModel, data: ReturnType<typeof plantedData>, steps: number): number[] {
  const cf = new CfSampler(data.dataset, data.rows, new Rng(3));
  const kg = new KgSampler(data.ckg, new Rng(4));
  const optimizer = tf.train.adam(0.02);
  const losses: number[] = [];
  model.refresh();
  for (let step = 0; step < steps; step++) {
    tf.tidy(() => {
      const b = cf.sample(64);
      const loss = optimizer.minimize(
        () => model.calculateLoss({ users: ids(b.users), positives: ids(b.positives), negatives: ids(b.negatives) }),
        true,
        model.variables,
      );
      losses.push(loss?.dataSync()[0] as number);
      const k = kg.sample(64);
      optimizer.minimize(
        () => model.kgLoss({ heads: ids(k.heads), relations: ids(k.relations), tails: ids(k.tails), negativeTails: ids(k.negativeTails) }),
        false,
        model.variables,
      );
    });
    if (step % 10 === 9) model.refresh();
  }
  model.refresh();
  optimizer.dispose();
  return losses;
}

/** Precision@5 over cold items only: the share of each user's top 5 cold items of their class. */
export async function coldPrecision(model: TrainableModel, data: ReturnType<typeof plantedData>): Promise<number> {
  const users = Int32Array.from({ length: USERS }, (_, u) => u);
  const scores = await model.fullSortScores(users);
  const items = WARM + COLD;
  let hits = 0;
  for (let u = 0; u < USERS; u++) {
    const cold = Array.from({ length: COLD }, (_, k) => WARM + k).sort(
      (a, b) => (scores[u * items + b] as number) - (scores[u * items + a] as number),
    );
    hits += cold.slice(0, 5).filter((i) => data.classOf(i) === u % 2).length;
  }
  return hits / (USERS * 5);
}
