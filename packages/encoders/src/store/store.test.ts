import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetBuilder } from '@kg4rec/kg';
import { afterAll, describe, expect, it } from 'vitest';
import { importFeatureTable } from '../pipeline/import-table';
import { readFeatureFile } from './import';
import { type FeatureTable, readFeatureTable, writeFeatureTable } from './table';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

/** A .npy file as numpy writes it: magic, version 1.0, padded header, float32 data. */
function npy(rows: number, dim: number, values: number[]): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dim}), }`;
  header += `${' '.repeat(63 - ((10 + header.length) % 64))}\n`;
  const prefix = Buffer.concat([Buffer.from('\x93NUMPY', 'latin1'), Buffer.from([1, 0]), Buffer.alloc(2)]);
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(new Float32Array(values).buffer)]);
}

describe('feature tables', () => {
  const table: FeatureTable = {
    meta: {
      format: 'kg4rec-features',
      version: 1,
      dataset: 'd',
      modality: 'text',
      encoder: 'e',
      dim: 2,
      rows: 2,
      sources: {},
      skipped: 0,
      missing: 0,
      createdAt: 'now',
    },
    rows: [
      { key: 'item:a', sha256: 'x', origin: 'description' },
      { key: 'item:b', sha256: 'y', origin: 'description' },
    ],
    values: Float32Array.from([1, 0, 0, 1]),
  };

  it('round-trip and refuse a truncated matrix with counts in the message', () => {
    const dir = join(scratch, 'table');
    writeFeatureTable(dir, table);
    expect(readFeatureTable(dir)).toEqual(table);
    truncateSync(join(dir, 'features.f32'), 12);
    expect(() => readFeatureTable(dir)).toThrow(
      'meta.json says 2 rows of dim 2; rows.tsv has 2 rows and features.f32 12 bytes (expected 16)',
    );
    expect(() => readFeatureTable(join(scratch, 'none'))).toThrow('no feature table (expected meta.json); run kg4rec encode first');
  });
});

describe('readFeatureFile', () => {
  it('reads .npy with an ids file, CSV with a header, TSV and JSON Lines alike', () => {
    const expected = { ids: ['1', '2'], dim: 3, values: Float32Array.from([1, 2, 3, 4, 5, 6]) };
    expect(readFeatureFile(file('f.npy', npy(2, 3, [1, 2, 3, 4, 5, 6])), { idsFile: file('ids.txt', '1\n2\n') })).toEqual(expected);
    expect(readFeatureFile(file('f.csv', 'id,a,b,c\n1,1,2,3\n2,4,5,6\n'))).toEqual(expected);
    expect(readFeatureFile(file('f.tsv', '1\t1\t2\t3\n2\t4\t5\t6\n'))).toEqual(expected);
    expect(readFeatureFile(file('f.jsonl', '{"id":1,"embedding":[1,2,3]}\n{"id":"2","vector":[4,5,6]}\n'))).toEqual(expected);
  });

  it('names the file and line of a bad row', () => {
    expect(() => readFeatureFile(file('bad.csv', '1,1,2\n2,4\n'))).toThrow(
      "bad.csv:2: expected an id and 2 finite numbers separated by ','",
    );
    expect(() => readFeatureFile(file('bad.jsonl', '{"id":1,"embedding":[1]}\n{"id":2}\n'))).toThrow(
      'bad.jsonl:2: expected {"id": …, "embedding"',
    );
    expect(() => readFeatureFile(file('dup.tsv', '1\t1\n1\t2\n'))).toThrow("dup.tsv:2: id '1' appears twice");
    expect(() => readFeatureFile(file('g.npy', npy(2, 3, [1, 2, 3, 4, 5, 6])), { idsFile: file('ids3.txt', '1\n2\n3\n') })).toThrow(
      '3 ids for the 2 rows',
    );
    expect(() => readFeatureFile(file('n.npy', npy(1, 1, [1])))).toThrow('a .npy file holds no ids');
  });

  it('imports into the store keyed by item, normalised, unknown ids reported', () => {
    const builder = new DatasetBuilder();
    builder.addInteraction(builder.users.add('u'), builder.items.add('1'));
    const dataset = builder.build('one');
    const summary = importFeatureTable({
      dataset,
      modality: 'image',
      file: file('imp.csv', '1,3,4\n7,1,1\n'),
      root: join(scratch, 'features'),
    });
    expect(summary.unknown.map((u) => u.reason)).toEqual(["no item '7' in dataset one"]);
    const table = readFeatureTable(summary.dir);
    expect(table.rows.map((r) => r.key)).toEqual(['item:1']);
    expect(Array.from(table.values)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(table.meta.encoder).toMatch(/^imported-imp\.csv-[0-9a-f]{16}$/);
  });
});
