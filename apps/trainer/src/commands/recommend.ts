/**
 * `kg4rec recommend` and `kg4rec explain`: a finished run's top-k items for a user (training
 * items excluded), with titles; for Multi-KG4Rec each score split exactly into its visual and
 * text parts (ŷ = ŷ_visual + ŷ_text) and the user's share of each modality over the list (the
 * paper's Fig. 4); for one (user, item), the score, its parts and the item's KG neighbours with
 * the most attention.
 */

import type { AttendedNeighbour } from '@kg4rec/core';
import { Kg4recError, type Recommender } from '@kg4rec/core';
import type { CollaborativeKg, Dataset } from '@kg4rec/kg';
import type { TrainData } from '../engine/train';
import type { Output } from '../io';
import { openSavedRun } from './saved-run';

type ModalitySplit = { modality: string; scores: Float32Array }[];
interface Explainable {
  modalityScores?(users: Int32Array, items: Int32Array): Promise<ModalitySplit>;
  attendedNeighbours?(node: number, k?: number): Promise<AttendedNeighbour[]>;
  /** π on a node's modal entities (MKGAT-style). */
  modalAttention?(node: number): Promise<{ modality: string; weight: number }[]>;
}

/** Options of {@link recommendCommand}. */
export interface RecommendOptions {
  dir: string;
  user: string;
  k: number;
  backend?: string;
  json: boolean;
}

/** Options of {@link explainCommand}. */
export interface ExplainOptions {
  dir: string;
  user: string;
  item: string;
  backend?: string;
  neighbours: number;
}

function idOf(dataset: Dataset, kind: 'user' | 'item', token: string): number {
  const map = kind === 'user' ? dataset.users : dataset.items;
  const id = map.idOf(token);
  if (id === undefined) {
    const some = map.list().slice(0, 5).join(', ');
    throw new Kg4recError('INVALID_ARGUMENT', `no ${kind} '${token}' in ${dataset.name} (${kind}s look like: ${some}, …)`);
  }
  return id;
}

/** An item's title where the dataset has one (`movie_title`, `title`), else its token. */
function titleOf(dataset: Dataset, item: number): string {
  const title = dataset.itemAttributes.get('movie_title')?.[item] ?? dataset.itemAttributes.get('title')?.[item];
  return title ?? dataset.items.tokenOf(item);
}

function trainingItems(data: TrainData, user: number): Set<number> {
  const items = new Set<number>();
  for (const row of data.split.train)
    if (data.dataset.interactions.user[row] === user) items.add(data.dataset.interactions.item[row] as number);
  return items;
}

/** The top `k` items by score, skipping `exclude`. */
function topItems(scores: Float32Array, k: number, exclude: ReadonlySet<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).filter((i) => !exclude.has(i));
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, k);
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/** Prints a run's top-k for a user; returns the exit code. */
export async function recommendCommand(options: RecommendOptions, io: Output): Promise<number> {
  if (!Number.isInteger(options.k) || options.k < 1)
    throw new Kg4recError('INVALID_ARGUMENT', `-k must be a positive integer, got ${options.k}`);
  const { data, model } = await openSavedRun(options.dir, options.backend);
  try {
    const user = idOf(data.dataset, 'user', options.user);
    const scores = await model.fullSortScores(Int32Array.of(user));
    const items = topItems(scores, options.k, trainingItems(data, user));
    const split = await (model as Recommender & Explainable).modalityScores?.(
      new Int32Array(items.length).fill(user),
      Int32Array.from(items),
    );
    const rows = items.map((item, k) => ({
      rank: k + 1,
      item: data.dataset.items.tokenOf(item),
      title: titleOf(data.dataset, item),
      score: scores[item] as number,
      ...(split ? { parts: Object.fromEntries(split.map((s) => [s.modality, s.scores[k] as number])) } : {}),
    }));
    if (options.json) {
      io.out(JSON.stringify({ user: options.user, items: rows }));
      return 0;
    }
    const modalities = split?.map((s) => s.modality) ?? [];
    io.out(`| rank | item | title | score |${modalities.map((m) => ` ${m} |`).join('')}`);
    io.out(`|---:|---|---|---:|${modalities.map(() => '---:|').join('')}`);
    for (const row of rows) {
      const parts = modalities.map((m) => ` ${(row.parts?.[m] ?? 0).toFixed(4)} |`).join('');
      io.out(`| ${row.rank} | ${row.item} | ${row.title} | ${row.score.toFixed(4)} |${parts}`);
    }
    if (split && modalities.length > 1) {
      const total = rows.reduce((sum, r) => sum + r.score, 0);
      const shares = split.map(
        (s) =>
          `${s.modality} ${percent(
            s.scores.reduce((a, b) => a + b, 0),
            total,
          )}`,
      );
      io.out(`\nshare of the top ${rows.length}'s total score, by modality: ${shares.join(', ')}`);
    }
    return 0;
  } finally {
    model.dispose();
  }
}

/** A CKG node in words: an item's title, an entity's token, a user's token. */
function describeNode(data: TrainData, entityOf: ReadonlyMap<number, number>, node: number): string {
  const { dataset, ckg } = data;
  if (node < ckg.numItems) return `item ${dataset.items.tokenOf(node)} (${titleOf(dataset, node)})`;
  if (node >= ckg.firstUserNode) return `user ${dataset.users.tokenOf(node - ckg.firstUserNode)}`;
  const entity = entityOf.get(node);
  return entity === undefined ? `node ${node}` : `entity ${dataset.entities.tokenOf(entity)}`;
}

function entityOfNode(ckg: CollaborativeKg): Map<number, number> {
  const map = new Map<number, number>();
  ckg.entityNode.forEach((node, entity) => {
    if (!map.has(node)) map.set(node, entity);
  });
  return map;
}

/** A CKG relation in words: a KG relation, its inverse, or the interaction. */
function describeRelation(data: TrainData, relation: number): string {
  const R = data.ckg.numKgRelations;
  if (relation === R) return 'interacted with';
  if (relation < R) return data.dataset.relations.tokenOf(relation);
  if (relation === 2 * R + 1) return 'interacted by';
  return `inverse of ${data.dataset.relations.tokenOf(relation - R - 1)}`;
}

/** Prints why a run scores (user, item) as it does; returns the exit code. */
export async function explainCommand(options: ExplainOptions, io: Output): Promise<number> {
  const { data, model } = await openSavedRun(options.dir, options.backend);
  try {
    const user = idOf(data.dataset, 'user', options.user);
    const item = idOf(data.dataset, 'item', options.item);
    const score = (await model.fullSortScores(Int32Array.of(user)))[item] as number;
    io.out(`user ${options.user}, item ${options.item} (${titleOf(data.dataset, item)}): score ${score.toFixed(4)}`);
    const explainable = model as Recommender & Explainable;
    const split = await explainable.modalityScores?.(Int32Array.of(user), Int32Array.of(item));
    if (split && split.length > 1) {
      for (const part of split)
        io.out(`  ${part.modality}: ${(part.scores[0] as number).toFixed(4)} (${percent(part.scores[0] as number, score)} of the score)`);
    } else io.out('  (this model has no modality split)');
    const modal = await explainable.modalAttention?.(item);
    if (modal)
      io.out(`  attention π on the item's own modal entities: ${modal.map((m) => `${m.modality} ${m.weight.toFixed(4)}`).join(', ')}`);
    const neighbours = await explainable.attendedNeighbours?.(item, options.neighbours);
    if (!neighbours) {
      io.out('  (this model has no knowledge-aware attention)');
      return 0;
    }
    io.out(`  neighbours of the item with the most attention π:`);
    const entityOf = entityOfNode(data.ckg);
    for (const n of neighbours)
      io.out(`    ${n.weight.toFixed(4)}  ${describeRelation(data, n.relation)} → ${describeNode(data, entityOf, n.node)}`);
    return 0;
  } finally {
    model.dispose();
  }
}
