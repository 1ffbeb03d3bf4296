/**
 * Items added to a served model with `POST /items`: kept in memory with their features, and
 * scored from their content alone by the model's `scoreNewItems` (no retraining).
 */
import { Kg4recError, type NewItems } from '@kg4rec/core';
import { encodeNewItems, type openSavedRun } from '@kg4rec/trainer';
import { type Candidate, idOnlyModel } from '../commands/candidates';

type SavedRun = Awaited<ReturnType<typeof openSavedRun>>;

/** The body of `POST /items`. */
export interface NewItemBody {
  id: string;
  title?: string;
  /** A description, encoded with the run's text encoder. */
  text?: string;
  /** An image file on the server's disk, encoded with the run's image encoder. */
  poster?: string;
  /** Precomputed features instead (the widths the run's features have). */
  features?: { visual?: number[]; text?: number[] };
}

interface Added {
  id: string;
  title: string;
  features: NewItems;
}

/** The items added so far, and their scores for a user. */
export class NewItemStore {
  private readonly items: Added[] = [];

  constructor(private readonly run: SavedRun) {}

  get size(): number {
    return this.items.length;
  }

  has(id: string): boolean {
    return this.items.some((item) => item.id === id);
  }

  /** Encodes (or takes) the item's features and keeps it; an id in use or missing content is an error. */
  async add(body: NewItemBody): Promise<void> {
    const { run } = this;
    if (!run.model.scoreNewItems) throw new Kg4recError('INVALID_CONFIG', idOnlyModel(run));
    if (run.data.dataset.items.idOf(body.id) !== undefined || this.has(body.id))
      throw new Kg4recError('INVALID_ARGUMENT', `id: item '${body.id}' exists already; a new item needs a new id`);
    const features = body.features
      ? this.given(body)
      : await encodeNewItems(run.data.dataset, run.config, run.context.content, [
          { name: body.id, ...(body.text ? { text: body.text } : {}), ...(body.poster ? { poster: body.poster } : {}) },
        ]);
    this.items.push({ id: body.id, title: body.title ?? '', features });
  }

  /** Precomputed features, checked against the widths of the run's own. */
  private given(body: NewItemBody): NewItems {
    const features: NewItems = { count: 1 };
    for (const kind of ['visual', 'text'] as const) {
      const values = body.features?.[kind];
      const dim = this.run.context.content?.[kind]?.dim;
      if (dim === undefined) continue;
      if (values === undefined)
        throw new Kg4recError('INVALID_ARGUMENT', `features.${kind}: missing; this run's model reads ${kind} features`);
      if (values.length !== dim)
        throw new Kg4recError('INVALID_ARGUMENT', `features.${kind}: ${values.length} values, but this run's ${kind} features have ${dim}`);
      features[kind] = Float32Array.from(values);
    }
    return features;
  }

  /** Every added item as a candidate for `user` (its score and parts by modality), from one call over all of them. */
  async scores(user: number): Promise<Candidate[]> {
    const model = this.run.model;
    if (!model.scoreNewItems || this.items.length === 0) return [];
    const { scores, parts } = await model.scoreNewItems(Int32Array.of(user), this.together());
    return this.items.map((item, k) => ({
      item: item.id,
      title: item.title,
      score: scores[k] as number,
      ...(parts ? { parts: Object.fromEntries(parts.map((p) => [p.modality, p.scores[k] as number])) } : {}),
      isNew: true,
    }));
  }

  /** Every added item's features as one {@link NewItems}. */
  private together(): NewItems {
    const joined: NewItems = { count: this.items.length };
    for (const kind of ['visual', 'text'] as const) {
      const rows = this.items.map((item) => item.features[kind]);
      if (rows.some((r) => r === undefined)) continue;
      const values = new Float32Array(rows.reduce((n, r) => n + (r as Float32Array).length, 0));
      let at = 0;
      for (const r of rows as Float32Array[]) {
        values.set(r, at);
        at += r.length;
      }
      joined[kind] = values;
    }
    return joined;
  }
}
