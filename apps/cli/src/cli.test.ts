import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dataRoot } from '@kg4rec/kg';
import { openSavedRun } from '@kg4rec/trainer';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-for-tests';
import { createServer } from './serve/server';

const run = runCli;

describe('kg4rec', () => {
  it('prints usage for --help and exits 0; with no command exits 2', async () => {
    expect(await run('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: kg4rec <command>') });
    expect((await run()).code).toBe(2);
  });

  it('rejects an unknown command, listing the valid ones', async () => {
    const result = await run('trian');
    expect(result.code).toBe(2);
    expect(result.err).toContain("kg4rec: unknown command 'trian': expected one of backends");
  });

  it('refuses an option given twice, and a -k that is not a number, naming what it got', async () => {
    const twice = await run('train', '--dataset', 'a', '--dataset', 'b', '--set', 'lr=0.1', '--set', 'seed=1');
    expect([twice.code, twice.err]).toEqual([1, "kg4rec: --dataset is given twice ('a' and 'b'); give it once"]);
    const k = await run('recommend', 'runs/none', '--user', 'u1', '-k', 'abc');
    expect([k.code, k.err]).toEqual([1, "kg4rec: -k must be a positive integer, got 'abc'"]);
  });

  it('rejects an unknown option with usage', async () => {
    const result = await run('backends', '--chek');
    expect(result.code).toBe(2);
    expect(result.err).toContain("Unknown option '--chek' (did you mean --check?)");
  });

  it('prints one command’s usage for <command> --help, with lists read from the registries', async () => {
    const help = await run('train', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('train --dataset <preset|path> [--model bprmf|cke|kgat|mkgat|multikg4rec]');
    expect(help.out).toContain('[--backend auto|cpu|wasm|webgpu|tensorflow]');
    expect(help.out).not.toContain('evaluate <run folder>');
  });

  it('lists the models with what they need, and one model’s options with defaults and meaning', async () => {
    const listed = await run('models');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('| bprmf | interactions | BPR matrix factorisation |');
    expect(listed.out).toMatch(/^\| multikg4rec \| graph, visual, text, sequences \| /m);
    expect(listed.out).toContain('kgEmbedding (KG embedding): transe, transr');
    const kgat = await run('models', 'kgat');
    expect(kgat.out).toMatch(/^\| kgEmbedding \| \{"name":"transr"\} \| The KG embedding/m);
    expect((await run('models', 'kgta')).err).toContain("unknown model 'kgta'");
  });

  it('backends lists every backend, says why each unavailable one fails, and names auto', async () => {
    const result = await run('backends');
    expect(result.code).toBe(0);
    expect(result.out).toContain('| cpu | yes |  |');
    expect(result.out).toMatch(/^\| wasm \| yes \| simd: (yes|no) \|$/m);
    expect(result.out).toMatch(/\| tensorflow \| (yes \| |no \| @tensorflow\/tfjs-node-gpu )/);
    expect(result.out).toMatch(/^auto: (tensorflow|webgpu|wasm), fastest that loads: /m);
  });

  it('backends --check checks every kernel on every loaded backend', async () => {
    const result = await run('backends', '--check');
    expect(result.code).toBe(0);
    for (const backend of ['cpu', 'wasm']) {
      for (const op of ['aggregateNeighbours', 'edgeDot', 'segmentSoftmax', 'unsortedSegmentSum']) {
        expect(result.out).toMatch(new RegExp(`\\| ${backend} \\| ${op} \\| .* \\| ok \\|`));
      }
    }
    expect(result.out).toContain('all kernel checks passed');
  });
});

const hasSharedData = existsSync(dataRoot());

describe('kg4rec data inspect', () => {
  it.skipIf(!hasSharedData)('prints the statistics of a preset', async () => {
    const result = await run('data', 'inspect', 'movielens-100k');
    expect(result.code).toBe(0);
    expect(result.out).toContain('| dataset | movielens-100k |');
    expect(result.out).toContain('| users | 943 |');
    expect(result.out).toContain('| triples | 91,631 |');
    expect(result.err).toMatch(/^loaded in \d+\.\d s$/);
  });

  it.skipIf(!hasSharedData)('prints JSON with --json', async () => {
    const result = await run('data', 'inspect', 'movielens-1m-kgat', '--json');
    expect(JSON.parse(result.out)).toMatchObject({ name: 'movielens-1m-kgat', triples: 20_195 });
  });

  it('fails clearly on a path that is neither a preset nor a folder, and on a bad subcommand', async () => {
    const missing = await run('data', 'inspect', 'no-such-dataset');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      'kg4rec: no-such-dataset: not found (expected a dataset folder, an N-Triples file or a preset name); presets: amazon-book',
    );
    const bad = await run('data', 'list');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      "expected 'data inspect <preset|path>' or 'data export <preset|path> --to <dir> --format kgat|recbole', got 'data list'",
    );
  });

  it('rejects an unknown --format, listing the valid ones', async () => {
    const result = await run('data', 'inspect', '.', '--format', 'parquet');
    expect(result.code).toBe(1);
    expect(result.err).toContain("unknown dataset format 'parquet': expected one of 'csv', 'kgat', 'kgcn', 'movielens', 'nt', 'recbole'");
  });
});

describe('kg4rec data inspect --columns', () => {
  it('reads a CSV folder with mapped header names, and rejects unknown fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg4rec-cli-csv-'));
    writeFileSync(join(dir, 'interactions.csv'), 'userId,movieId\n1,10\n2,10\n2,11\n');
    const result = await run('data', 'inspect', dir, '--columns', 'user=userId,item=movieId', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ users: 2, items: 2, interactions: 3 });
    const bad = await run('data', 'inspect', dir, '--columns', 'person=userId');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(
      "--columns: expected field=column with field one of user, item, rating, timestamp, head, relation, tail, got 'person=userId'",
    );
  });
});

describe('kg4rec data export', () => {
  it.skipIf(!hasSharedData)('writes a given split of a preset as KGAT files', async () => {
    const to = join(tmpdir(), `kg4rec-cli-export-${process.pid}`);
    const result = await run('data', 'export', 'movielens-1m-kgat', '--to', to, '--format', 'kgat');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^wrote .* \(kgat, given split, seed 2025\): train [\d,]+, valid [\d,]+, test 75,375$/);
    expect(readdirSync(to)).toContain('kg_final.txt');
    const again = await run('data', 'export', 'movielens-1m-kgat', '--to', to, '--format', 'kgat');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });

  it('rejects an unknown split or export format', async () => {
    expect((await run('data', 'export', 'x', '--to', '/tmp/x', '--format', 'kgat', '--split', 'weekly')).err).toContain(
      "unknown split 'weekly': expected one of 'random', 'leave-one-out', 'temporal', 'given'",
    );
    expect((await run('data', 'export', 'x', '--to', '/tmp/x', '--format', 'csv')).err).toContain("unknown export format 'csv'");
  });
});

describe('kg4rec train', () => {
  /** A CSV folder: 30 users, each with 8 items of their own half of 24. */
  function csvFolder() {
    const dir = mkdtempSync(join(tmpdir(), 'kg4rec-cli-train-'));
    const lines = ['user,item'];
    for (let u = 0; u < 30; u++) for (let k = 0; k < 8; k++) lines.push(`u${u},i${(u % 2) * 12 + ((u + k * 5) % 12)}`);
    writeFileSync(join(dir, 'interactions.csv'), `${lines.join('\n')}\n`);
    return dir;
  }

  it('trains, prints the test metrics as "Recall@20 0.1234" lines, and writes the run', async () => {
    const dataset = csvFolder();
    const out = join(dataset, 'run');
    const result = await run(
      'train',
      '--dataset',
      dataset,
      '--model',
      'bprmf',
      '--epochs',
      '2',
      '--backend',
      'cpu',
      '--set',
      'ks=[5,20]',
      '--set',
      'model.options.dim=8',
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Recall@5 \d\.\d{4}$/m);
    expect(result.out).toMatch(/^NDCG@20 \d\.\d{4}$/m);
    expect(result.err).toMatch(/^epoch 2\/2 {2}cf \d\.\d{4} {2}valid Recall@20 /m);
    expect(readdirSync(out).sort()).toEqual(['checkpoints', 'config.json', 'data.json', 'metrics.jsonl', 'model', 'test-users.tsv']);
    expect(readdirSync(join(out, 'checkpoints'))).toEqual(['epoch-0001', 'epoch-0002']);
    const perUser = readFileSync(join(out, 'test-users.tsv'), 'utf8').trim().split('\n');
    expect(perUser[0]?.split('\t')).toEqual(expect.arrayContaining(['user', 'recall@20', 'ndcg@5']));
    const recallColumn = perUser[0]?.split('\t').indexOf('recall@5') as number;
    const meanRecall = perUser.slice(1).reduce((sum, row) => sum + Number(row.split('\t')[recallColumn]), 0) / (perUser.length - 1);
    expect(result.out).toContain(`Recall@5 ${meanRecall.toFixed(4)}`);

    const evaluated = await run('evaluate', out, '--backend', 'cpu');
    expect(evaluated.code).toBe(0);
    expect(evaluated.out).toBe(result.out);

    const again = await run('train', '--dataset', dataset, '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds a run; continue it with --resume');
    rmSync(join(out, 'model'), { recursive: true }); // as if killed after the last checkpoint
    const resumed = await run('train', '--resume', '--out', out);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toContain('resuming after epoch 2');
    expect(resumed.out).toBe(result.out);
    expect((await run('train', '--resume', '--out', out, '--epochs', '3')).err).toContain("--resume continues the run's saved config.json");
    expect((await run('train', '--resume', '--out', out)).err).toContain('the run has finished');
  });

  it('names an unknown or mistyped config key', async () => {
    const dataset = csvFolder();
    const unknown = await run('train', '--dataset', dataset, '--set', 'epochz=3');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('epochz');
    const mistyped = await run('train', '--dataset', dataset, '--set', 'lr=fast');
    expect(mistyped.code).toBe(1);
    expect(mistyped.err).toMatch(/--set lr=fast: lr: /);
    const option = await run('train', '--dataset', dataset, '--model', 'kgat', '--set', 'model.options.dimm=8');
    expect(option.code).toBe(1);
    expect(option.err).toContain('--set model.options.dimm=8: model.options: Unrecognized key: "dimm"; valid keys: dim, ');
  });

  it('reads YAML config files, naming the line of a syntax error and the file of an unknown key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg4rec-yaml-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'dataset: x\nepochs: [1, 2\nlr: 0.1\n');
    const syntax = await run('train', '--config', broken);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(new RegExp(`${broken.replaceAll('/', '\\/')}:\\d+:\\d+: invalid YAML`));
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'dataset: x\nmodel:\n  name: kgat\n  option: {}\n');
    const result = await run('train', '--config', unknown);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${unknown}: model: Unrecognized key: "option"`);
  });
});

describe.skipIf(!existsSync(join(dataRoot(), 'movielens-100k')))('kg4rec recommend and explain', () => {
  it('list a run’s top-k with titles, training items excluded, and explain one score', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kg4rec-rec-')), 'run');
    try {
      expect((await run('train', '--dataset', 'movielens-100k', '--model', 'bprmf', '--epochs', '2', '--out', out)).code).toBe(0);
      const listed = await run('recommend', out, '--user', '196', '-k', '5');
      expect(listed.code).toBe(0);
      const lines = listed.out.split('\n');
      expect(lines[0]).toBe('| rank | item | title | score |');
      expect(lines).toHaveLength(7);
      const json = JSON.parse((await run('recommend', out, '--user', '196', '-k', '5', '--json')).out) as {
        items: { item: string; score: number }[];
      };
      expect(json.items.map((i) => i.score)).toEqual([...json.items.map((i) => i.score)].sort((a, b) => b - a));
      // User 196's rated items in ML-100K include 242 (Kolya); a trained item never comes back.
      const all = JSON.parse((await run('recommend', out, '--user', '196', '-k', '1682', '--json')).out) as { items: { item: string }[] };
      const seen = new Set(all.items.map((i) => i.item));
      expect(seen.size).toBe(all.items.length);
      expect(all.items.length).toBeLessThan(1682);
      const explained = await run('explain', out, '--user', '196', '--item', '242');
      expect(explained.out).toMatch(/^user 196, item 242 \(Kolya\): score -?\d+\.\d{4}/);
      expect(explained.out).toContain('(this model has no modality split)');
      expect((await run('explain', out, '--user', 'nobody', '--item', '242')).err).toContain("no user 'nobody' in movielens-100k");
      const newItems = await run('recommend', out, '--user', '196', '--new-items', join(dirname(out), 'new.tsv'));
      expect([newItems.code, newItems.err]).toEqual([
        1,
        expect.stringContaining('bprmf scores only the items it was trained with (its item rows are ID embeddings)'),
      ]);
    } finally {
      rmSync(dirname(out), { recursive: true, force: true });
    }
  });
});

describe.skipIf(!existsSync(join(dataRoot(), 'movielens-100k')))('kg4rec with Multi-KG4Rec', () => {
  it('encodes features, trains one epoch, recommends with modality shares and explains a score by modality; MKGAT reuses the features', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kg4rec-mkg-'));
    const out = join(root, 'run');
    try {
      // Small and coarse so that it stays a smoke test: a handful of large batches, a narrow model.
      const sets = [
        'cfBatchSize=16384',
        'kgBatchSize=32768',
        'model.options.fusion.options.blocks=1',
        'model.options.fusionItemsPerStep=32',
        'model.options.kgEmbedding=transe', // TransE in the KG-embedding slot, by config alone
        'features.encoder=hash', // the weight-free encoders: this smoke test does not load the pretrained ones
      ];
      const trained = await run(
        'train',
        ...['--dataset', 'movielens-100k', '--model', 'multikg4rec', '--epochs', '1', '--backend', 'wasm'],
        ...[...sets, `features.root=${join(root, 'features')}`].flatMap((s) => ['--set', s]),
        ...['--out', out],
      );
      expect(trained.code).toBe(0);
      expect(trained.err).toMatch(/features: image hash-image-v1-d512, \d+ rows \(\d+ encoded now/);
      expect(trained.out).toMatch(/^Recall@20 0\.\d{4}$/m);
      expect(trained.err).toContain('"kgEmbedding":"transe"');
      const listed = await run('recommend', out, '--user', '196', '-k', '5');
      expect(listed.out.split('\n')[0]).toBe('| rank | item | title | score | visual | text |');
      expect(listed.out).toMatch(/share of the top 5's total score, by modality: visual -?\d+\.\d%, text -?\d+\.\d%/);
      const explained = await run('explain', out, '--user', '196', '--item', '242');
      expect(explained.out).toMatch(/^ {2}visual: -?\d+\.\d{4} \(-?\d+\.\d% of the score\)$/m);
      expect(explained.out).toMatch(/^ {2}text: -?\d+\.\d{4}/m);
      expect(explained.out).toContain('neighbours of the item with the most attention π:');

      // An item added after training, known by a poster and a text alone: it joins the user's list.
      const newItems = join(root, 'new.tsv');
      const poster = join(dataRoot(), 'movielens-1m', 'posters', '260.jpg');
      writeFileSync(newItems, `id\ttitle\tposter\ttext\nnew-1\tA New Film\t${poster}\tA space adventure with rebels and an empire.\n`);
      const all = JSON.parse((await run('recommend', out, '--user', '196', '-k', '1682', '--new-items', newItems, '--json')).out) as {
        items: { item: string; score: number; parts: Record<string, number>; isNew?: boolean }[];
        newItems: { item: string; rank: number; of: number }[];
      };
      const added = all.items.findIndex((i) => i.item === 'new-1');
      const row = all.items[added];
      expect(row?.isNew).toBe(true);
      expect(Number.isFinite(row?.score)).toBe(true);
      expect((row?.parts.visual ?? 0) + (row?.parts.text ?? 0)).toBeCloseTo(row?.score ?? Number.NaN, 4);
      expect(all.newItems).toEqual([{ item: 'new-1', rank: added + 1, of: all.items.length, score: row?.score }]);
      const table = await run('recommend', out, '--user', '196', '-k', '3', '--new-items', newItems);
      expect(table.out).toMatch(
        new RegExp(`^new item new-1: rank ${added + 1} of ${all.items.length} for user 196, score -?\\d+\\.\\d{4}$`, 'm'),
      );

      // The same through kg4rec serve: POST /items, then the item is recommended.
      const saved = await openSavedRun(out);
      const app = await createServer(saved);
      try {
        const post = (payload: object) => app.inject({ method: 'POST', url: '/items', payload });
        const created = await post({ id: 'new-2', title: 'A New Film', poster, text: 'A space adventure with rebels and an empire.' });
        expect([created.statusCode, created.json()]).toEqual([201, { item: 'new-2', newItems: 1 }]);
        expect((await post({ id: 'new-2', text: 'again' })).statusCode).toBe(400);
        const wrong = await post({ id: 'new-3', features: { visual: [1, 2, 3], text: [1] } });
        expect([wrong.statusCode, wrong.json().error.message]).toEqual([
          400,
          expect.stringMatching(/^features\.visual: 3 values, but this run's visual features have \d+$/),
        ]);
        const listed = (await app.inject({ method: 'GET', url: '/users/196/recommendations?k=1682' })).json() as {
          items: { item: string; score: number; isNew?: boolean }[];
        };
        const served = listed.items.find((i) => i.item === 'new-2');
        expect(served?.isNew).toBe(true);
        expect(served?.score).toBeCloseTo(row?.score ?? Number.NaN, 4);
      } finally {
        await app.close();
        saved.model.dispose();
      }

      const mkgat = join(root, 'mkgat');
      const baseline = await run(
        ...['train', '--dataset', 'movielens-100k', '--model', 'mkgat', '--epochs', '1', '--backend', 'wasm'],
        ...[sets[0], sets[1], sets[5], `features.root=${join(root, 'features')}`].flatMap((s) => ['--set', s as string]),
        ...['--out', mkgat],
      );
      expect(baseline.code).toBe(0);
      expect(baseline.err).toMatch(/features: image hash-image-v1-d512, \d+ rows \(0 encoded now/);
      const why = await run('explain', mkgat, '--user', '196', '--item', '242');
      expect(why.out).toContain('(this model has no modality split)');
      expect(why.out).toMatch(/attention π on the item's own modal entities: visual 0\.\d{4}, text 0\.\d{4}/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 600_000);
});
