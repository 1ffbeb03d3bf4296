import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeTriples, buildCollaborativeKg, type Dataset, DatasetBuilder } from '@kg4rec/kg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashImageEncoder } from '../hash/image';
import { HashTextEncoder } from '../hash/text';
import { readFeatureTable, tableRow } from '../store/table';
import type { TextEncoder } from '../types';
import { contentInputs } from './content';
import { datasetFeatures } from './dataset-features';
import { encodeDataset } from './encode';
import { encodeNewContent } from './new-content';
import { nodeFeatures } from './node-features';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-pipeline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dataset: Dataset;

/** Four movies: three with texts, one poster that reads, one corrupt, one absent; genres as entities. */
beforeAll(async () => {
  const builder = new DatasetBuilder();
  const items = ['m1', 'm2', 'm3', 'm4'].map((t) => builder.items.add(t));
  const users = ['u1', 'u2'].map((t) => builder.users.add(t));
  for (const user of users) for (const item of items) builder.addInteraction(user, item);
  ['Comedy', 'Drama|Comedy', 'Drama', undefined].forEach((genre, item) => {
    if (genre) builder.setAttribute('genre', item, genre);
  });
  attributeTriples(builder, 'genre', { separator: '|' });
  builder.addTriple(builder.itemEntityOf(0), builder.relations.add('sequel'), builder.entities.add('x99'));
  dataset = builder.build('tiny-movies');
  const good = join(scratch, 'm1.jpg');
  const pixels = Buffer.alloc(60 * 90 * 3, 90);
  await sharp(pixels, { raw: { width: 60, height: 90, channels: 3 } })
    .jpeg()
    .toFile(good);
  const corrupt = join(scratch, 'm2.jpg');
  writeFileSync(corrupt, readFileSync(good).subarray(0, 100));
  dataset.content = {
    text: ['A comedy about cats.', 'A drama with some jokes.', 'A sad drama.', undefined],
    poster: [good, corrupt, join(scratch, 'gone.jpg'), undefined],
  };
});

/** A text encoder that fails on its `failOn`-th call, as a crash halfway through would. */
class FailingEncoder implements TextEncoder {
  readonly modality = 'text';
  private calls = 0;
  constructor(
    private readonly inner: TextEncoder,
    private readonly failOn: number,
  ) {}
  get id() {
    return this.inner.id;
  }
  get dim() {
    return this.inner.dim;
  }
  async encode(texts: readonly string[]) {
    if (++this.calls === this.failOn) throw new Error('killed');
    return this.inner.encode(texts);
  }
  async dispose() {}
}

describe('contentInputs', () => {
  it('gives items their own content, attribute entities their names, and lists the rest', () => {
    const text = contentInputs(dataset, 'text');
    expect(text.inputs.map((i) => [i.key, i.input])).toEqual([
      ['item:m1', 'A comedy about cats.'],
      ['item:m2', 'A drama with some jokes.'],
      ['item:m3', 'A sad drama.'],
      ['entity:genre:Comedy', 'genre: Comedy'],
      ['entity:genre:Drama', 'genre: Drama'],
    ]);
    expect(text.missing).toEqual(['item:m4', 'entity:x99']);
    const named = contentInputs(dataset, 'text', { entityNames: new Map([['x99', 'The Sequel']]) });
    expect(named.missing).toEqual(['item:m4']);
    expect(contentInputs(dataset, 'image').missing).toEqual(['item:m4', 'entity:genre:Comedy', 'entity:genre:Drama', 'entity:x99']);
  });
});

describe('encodeDataset', () => {
  it('encodes texts into a table that datasetFeatures lays out by item and entity', async () => {
    const root = join(scratch, 'features-text');
    const summary = await encodeDataset({ dataset, encoder: new HashTextEncoder({ dim: 16 }), root });
    expect([summary.rows, summary.encoded, summary.reused, summary.dim]).toEqual([5, 5, 0, 16]);
    expect(summary.encoder).toMatch(/^hash-text-v1-d16-c35-idf[0-9a-f]{16}$/);
    const table = readFeatureTable(summary.dir);
    expect(table.meta).toMatchObject({ dataset: 'tiny-movies', modality: 'text', dim: 16, rows: 5, missing: 2 });
    const features = datasetFeatures(dataset, table);
    expect(Array.from(features.itemHas)).toEqual([1, 1, 1, 0]);
    const entityOfM1 = dataset.itemEntity[0] as number;
    expect(features.entities.subarray(entityOfM1 * 16, entityOfM1 * 16 + 16)).toEqual(features.items.subarray(0, 16));
    expect(Array.from(features.entityHas).reduce((a, b) => a + b)).toBe(5);
    expect(readFileSync(join(summary.dir, 'missing.txt'), 'utf8')).toBe('item:m4\nentity:x99\n');
    const ckg = buildCollaborativeKg(
      dataset,
      Int32Array.from({ length: dataset.interactions.user.length }, (_, k) => k),
    );
    const nodes = nodeFeatures(features, ckg);
    expect(Array.from(nodes.has)).toEqual([1, 1, 1, 0, 1, 1, 0, 0, 0]); // 4 items, genre:Comedy, genre:Drama, x99, 2 users
    const comedyNode = ckg.entityNode[dataset.entities.idOf('genre:Comedy') as number] as number;
    const comedyEntity = dataset.entities.idOf('genre:Comedy') as number;
    expect(nodes.values.subarray(comedyNode * 16, comedyNode * 16 + 16)).toEqual(
      features.entities.subarray(comedyEntity * 16, comedyEntity * 16 + 16),
    );
    const again = await encodeDataset({ dataset, encoder: new HashTextEncoder({ dim: 16 }), root });
    expect([again.encoded, again.reused]).toEqual([0, 5]);
  });

  it('skips and reports unreadable images by file, and keeps the readable ones', async () => {
    const summary = await encodeDataset({ dataset, encoder: new HashImageEncoder(), root: join(scratch, 'features-image') });
    expect(summary.rows).toBe(1);
    expect(summary.skipped.map((s) => [s.key, s.reason.split(' (')[0]])).toEqual([
      ['item:m3', 'no such file'],
      ['item:m2', `${join(scratch, 'm2.jpg')}: cannot read the image`],
    ]);
    expect(readFileSync(join(summary.dir, 'skipped.tsv'), 'utf8')).toContain(join(scratch, 'gone.jpg'));
    await expect(encodeDataset({ dataset, encoder: new HashImageEncoder(), root: join(scratch, 'strict'), strict: true })).rejects.toThrow(
      'gone.jpg: no such image file',
    );
  });

  it('keeps a stored table when no input is found or none can be read, instead of emptying it', async () => {
    const root = join(scratch, 'features-kept');
    const first = await encodeDataset({ dataset, encoder: new HashImageEncoder(), root });
    const before = readFeatureTable(first.dir);
    const elsewhere = { ...dataset, content: { text: [], poster: [join(scratch, 'moved', 'm1.jpg'), undefined, undefined, undefined] } };
    const again = await encodeDataset({ dataset: elsewhere, encoder: new HashImageEncoder(), root });
    expect(again).toMatchObject({ dir: first.dir, rows: 1, encoded: 0, reused: 1, keptStored: true });
    expect(again.skipped.map((s) => s.reason)).toEqual(['no such file']);
    expect(readFeatureTable(first.dir)).toEqual(before);
    const noPosters = { ...dataset, content: { text: [], poster: [undefined, undefined, undefined, undefined] } };
    expect(await encodeDataset({ dataset: noPosters, encoder: new HashImageEncoder(), root })).toMatchObject({ rows: 1, keptStored: true });
    expect(readFeatureTable(first.dir)).toEqual(before);
    // With no table to keep, the empty result is written as before.
    const fresh = await encodeDataset({ dataset: elsewhere, encoder: new HashImageEncoder(), root: join(scratch, 'features-none') });
    expect([fresh.rows, fresh.keptStored]).toEqual([0, undefined]);
  });

  it('resumes after a crash, encoding only what was left, and ends as an uninterrupted run', async () => {
    const root = join(scratch, 'features-resume');
    const base = new HashTextEncoder({ dim: 16 });
    await expect(encodeDataset({ dataset, encoder: new FailingEncoder(base, 3), root, batchSize: 2, fit: false })).rejects.toThrow(
      'killed',
    );
    const resumed = await encodeDataset({ dataset, encoder: base, root, batchSize: 2, fit: false });
    expect([resumed.encoded, resumed.reused, resumed.rows]).toEqual([1, 4, 5]);
    expect(existsSync(`${resumed.dir}.partial`)).toBe(false);
    const clean = await encodeDataset({ dataset, encoder: base, root: join(scratch, 'features-clean'), batchSize: 2, fit: false });
    expect(readFeatureTable(resumed.dir).values).toEqual(readFeatureTable(clean.dir).values);
  });

  it('re-encodes a row whose input changed, and refuses a journal of another encoder', async () => {
    const root = join(scratch, 'features-change');
    await encodeDataset({ dataset, encoder: new HashTextEncoder({ dim: 16 }), root, fit: false });
    const changed = { ...dataset, content: { text: ['A comedy about dogs.', ...(dataset.content?.text.slice(1) ?? [])], poster: [] } };
    const summary = await encodeDataset({ dataset: changed, encoder: new HashTextEncoder({ dim: 16 }), root, fit: false });
    expect([summary.encoded, summary.reused]).toEqual([1, 4]);
    const other = new HashTextEncoder({ dim: 8 });
    await expect(
      encodeDataset({ dataset, encoder: new FailingEncoder(other, 1), root: join(scratch, 'features-j'), fit: false }),
    ).rejects.toThrow('killed');
    const impostor = Object.assign(new HashTextEncoder({ dim: 16 }), { id: other.id });
    await expect(encodeDataset({ dataset, encoder: impostor, root: join(scratch, 'features-j'), fit: false })).rejects.toThrow(
      'pass --restart to discard it',
    );
    const restarted = await encodeDataset({ dataset, encoder: impostor, root: join(scratch, 'features-j'), fit: false, restart: true });
    expect(restarted.rows).toBe(5);
  });
});

describe('encodeNewContent', () => {
  /** The stored row of `key` in a table encodeDataset wrote with `encoder`. */
  const storedRow = async (encoder: HashTextEncoder | HashImageEncoder, key: string) => {
    const summary = await encodeDataset({ dataset, encoder, root: join(scratch, `features-new-${encoder.modality}`) });
    const table = readFeatureTable(summary.dir);
    return {
      encoder: summary.encoder,
      row: Array.from(
        tableRow(
          table,
          table.rows.findIndex((r) => r.key === key),
        ),
      ),
    };
  };

  it("encodes a text outside the dataset with the encoder fitted on the dataset's texts: a dataset text gives its stored row", async () => {
    const stored = await storedRow(new HashTextEncoder({ dim: 16 }), 'item:m3');
    const fresh = await encodeNewContent({ dataset, encoder: new HashTextEncoder({ dim: 16 }), inputs: ['A sad drama.', 'A new film.'] });
    expect(fresh.encoder).toBe(stored.encoder);
    expect(fresh.values).toHaveLength(2 * 16);
    expect(Array.from(fresh.values.subarray(0, 16))).toEqual(stored.row);
    const unfitted = await new HashTextEncoder({ dim: 16 }).encode(['A sad drama.']);
    expect(Array.from(unfitted[0] as Float32Array)).not.toEqual(stored.row);
  });

  it('encodes a poster file as the dataset pipeline does, and names a file that is not an image', async () => {
    const poster = dataset.content?.poster[0] as string;
    const stored = await storedRow(new HashImageEncoder(), 'item:m1');
    const fresh = await encodeNewContent({ dataset, encoder: new HashImageEncoder(), inputs: [poster] });
    expect([fresh.encoder, Array.from(fresh.values)]).toEqual([stored.encoder, stored.row]);
    const corrupt = dataset.content?.poster[1] as string;
    await expect(encodeNewContent({ dataset, encoder: new HashImageEncoder(), inputs: [corrupt] })).rejects.toThrow(corrupt);
  });
});
