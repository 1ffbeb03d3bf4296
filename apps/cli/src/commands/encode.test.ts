import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetFeatures, readFeatureTable } from '@kg4rec/encoders';
import { writeTinyClipFolder } from '@kg4rec/encoders/testing';
import { dataRoot, loadDataset, sharedRoot } from '@kg4rec/kg';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Output } from '../index';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-encode-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line), status: (line) => line && status.push(line) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), status };
}

const bpeFile = join(sharedRoot(), 'models', 'clip-bpe', 'bpe_simple_vocab_16e6.txt.gz');

describe.skipIf(!existsSync(join(dataRoot(), 'movielens-100k')) || !existsSync(bpeFile))('kg4rec encode', () => {
  it('encodes MovieLens-100K texts with the hash fallback, shows progress, and a rerun keeps every row', async () => {
    const features = join(scratch, 'hash');
    const first = await run('encode', '--dataset', 'movielens-100k', '--encoder', 'hash', '--modality', 'text', '--features', features);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^text: 1\d{3} rows of 512 \(1\d{3} encoded, 0 kept from an earlier run\)/);
    expect(first.out).toContain('skipped: none');
    expect(first.status.at(-1)).toMatch(/^encode text {2}\[#{24}\] {2}(\d+)\/\1 {2}[\d.]+ items\/s/);
    const second = await run('encode', '--dataset', 'movielens-100k', '--encoder', 'hash', '--modality', 'text', '--features', features);
    expect(second.out).toMatch(/\(0 encoded, 1\d{3} kept from an earlier run\)/);
    const dir = /table: (.+)/.exec(first.out)?.[1] ?? '';
    const features100k = datasetFeatures(await loadDataset('movielens-100k'), readFeatureTable(dir));
    const withText = features100k.itemHas.reduce((a, b) => a + b, 0);
    expect(withText).toBeGreaterThan(1500);
    const missing = readFileSync(join(dir, 'missing.txt'), 'utf8').split('\n').filter(Boolean);
    expect(missing.length).toBe(readFeatureTable(dir).meta.missing);
    expect(missing.filter((key) => key.startsWith('item:')).length).toBe(1682 - withText);
  });

  it('encodes with a CLIP model folder through onnxruntime-node (a tiny model the test builds)', async () => {
    const model = join(scratch, 'tiny-clip');
    writeTinyClipFolder(model, bpeFile, { dim: 32 });
    const result = await run(
      'encode',
      '--dataset',
      'movielens-100k',
      '--encoder',
      'clip',
      '--model',
      model,
      '--modality',
      'text',
      '--features',
      join(scratch, 'clip'),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^text: 1\d{3} rows of 32 /);
    expect(result.out).toMatch(/encoder: clip-onnx-text-[0-9a-f]{16}/);
  });

  it('imports precomputed features keyed by item, lists the tables, and names a bad line', async () => {
    const features = join(scratch, 'imported');
    const file = join(scratch, 'clip-python.tsv');
    writeFileSync(file, '1\t0.6\t0.8\n2\t1\t0\n99999\t0\t1\n');
    const importImages = (...extra: string[]) =>
      run(
        'features',
        'import',
        ...['--dataset', 'movielens-100k', '--modality', 'image', '--file', file, '--features', features],
        ...extra,
      );
    const imported = await importImages('--name', 'clip-py');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^image: 2 rows of 2 imported as imported-clip-py-[0-9a-f]{16}/);
    expect(imported.out).toContain('1 id(s) not in movielens-100k, left out (listed in skipped.tsv)');
    const listed = await run('features', 'list', '--features', features);
    expect(listed.out).toMatch(/\| movielens-100k \| image \| imported-clip-py-[0-9a-f]{16} \| 2 \| 2 \| 1 \| 0 \|/);
    writeFileSync(file, '1\t0.6\t0.8\n2\tx\t0\n');
    const bad = await importImages();
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${file}:2: expected an id and 2 finite numbers`);
  });

  it('says what is wrong with bad options', async () => {
    expect((await run('encode', '--encoder', 'hash')).err).toContain('encode needs --dataset');
    expect((await run('encode', '--dataset', 'movielens-100k', '--encoder', 'clip', '--modality', 'text')).err).toContain(
      "encoder 'clip' needs a model folder",
    );
    expect((await run('encode', '--dataset', 'movielens-100k', '--encoder', 'nope', '--modality', 'text')).err).toContain(
      "unknown text encoder 'nope': expected one of 'clip', 'hash'",
    );
    expect((await run('encode', '--dataset', 'movielens-100k', '--modality', 'sound')).err).toContain(
      '--modality must be one of text, image, both',
    );
  });
});
