import { isKg4recError, Rng } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { DatasetBuilder, inspectDataset, loadPath, readKgat, readRecbole, type Strictness } from './index';
import { fixtureDir, TINY_RECBOLE } from './test-support/fixtures';

const KGAT = {
  'train.txt': '0 0 1\n1 1 2\n',
  'test.txt': '0 2\n',
  'kg_final.txt': '0 0 3\n1 0 3\n',
  'item_list.txt': 'org_id remap_id\na 0\nb 1\nc 2\n',
};
const NOISE = [0x09, 0x0a, 0x0d, 0x20, 0x3a, 0x30, 0x2d, 0xff, 0xc3, 0x00, 0x41];

/** One random edit: delete, insert a noisy byte, duplicate a line, or truncate. */
function mutate(bytes: Uint8Array, rng: Rng): Uint8Array {
  const at = rng.int(bytes.length + 1);
  switch (rng.int(4)) {
    case 0:
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
    case 1:
      return Uint8Array.from([...bytes.subarray(0, at), NOISE[rng.int(NOISE.length)] as number, ...bytes.subarray(at)]);
    case 2: {
      const text = Buffer.from(bytes).toString('latin1').split('\n');
      text.splice(rng.int(text.length), 0, text[rng.int(text.length)] ?? '');
      return Buffer.from(text.join('\n'), 'latin1');
    }
    default:
      return bytes.subarray(0, at);
  }
}

function mutatedFiles(files: Record<string, string>, rng: Rng): Record<string, Uint8Array> {
  const names = Object.keys(files);
  const target = names[rng.int(names.length)] as string;
  let bytes: Uint8Array = Buffer.from(files[target] as string);
  for (let edits = 1 + rng.int(3); edits > 0; edits--) bytes = mutate(bytes, rng);
  return Object.fromEntries(names.map((name) => [name, name === target ? bytes : Buffer.from(files[name] as string)]));
}

type Reader = (builder: DatasetBuilder, dir: string) => Promise<unknown>;
const viaLoadPath =
  (format: string): Reader =>
  (builder, dir) =>
    loadPath(dir, { format, strictness: builder.report.strictness });

const READERS: Array<[string, Record<string, string>, Reader]> = [
  ['recbole', TINY_RECBOLE, (builder, dir) => readRecbole(builder, dir, 'tiny')],
  ['kgat', KGAT, (builder, dir) => readKgat(builder, dir)],
  [
    'csv',
    { 'interactions.csv': 'user,item,rating\nu1,i1,5\nu2,"i,2",3\n', 'triples.csv': 'head,relation,tail\ni1,genre,g\n' },
    viaLoadPath('csv'),
  ],
  ['nt', { 'kg.nt': '<a> <p> <b> .\n_:x <p> "lit"@en .\n<b> <q> <c> .\n' }, viaLoadPath('nt')],
  ['movielens', { 'ratings.dat': '1::10::5::100\n2::10::3::200\n', 'movies.dat': '10::Ten (1990)::Drama|War\n' }, viaLoadPath('movielens')],
  [
    'kgcn',
    { 'ratings_final.txt': '0\t0\t1\n1\t1\t0\n', 'kg_final.txt': '0\t0\t2\n', 'item_index2entity_id.txt': '7\t0\n8\t1\n' },
    viaLoadPath('kgcn'),
  ],
];

describe.each(READERS)('%s readers on 150 seeded random corruptions', (_name, files, read) => {
  it.each(['strict', 'lenient'] as Strictness[])('%s: load or fail with a Kg4recError, never anything else', async (strictness) => {
    const rng = new Rng(strictness === 'strict' ? 11 : 12);
    const outcomes = { loaded: 0, rejected: 0 };
    for (let trial = 0; trial < 150; trial++) {
      const dir = fixtureDir(mutatedFiles(files, rng));
      try {
        const dataset = await read(new DatasetBuilder(strictness), dir);
        inspectDataset(dataset as Parameters<typeof inspectDataset>[0]);
        outcomes.loaded++;
      } catch (error) {
        if (!isKg4recError(error)) throw new Error(`trial ${trial} in ${dir} threw a non-Kg4recError: ${String(error)}`);
        outcomes.rejected++;
      }
    }
    expect(outcomes.loaded).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });
});
