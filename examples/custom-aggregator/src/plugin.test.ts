import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeClusteredDataset } from '@kg4rec/trainer/testing';
import { afterAll, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-example-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The `kg4rec` command from the CLI package's source, as `pnpm kg4rec` runs it. */
const bin = join(dirname(createRequire(import.meta.url).resolve('@kg4rec/cli/package.json')), 'src', 'bin.ts');
const plugin = fileURLToPath(new URL('./plugin.ts', import.meta.url));
const kg4rec = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@kg4rec/source', bin, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

it('trains the plugin’s KGAT variant with its gated aggregator through kg4rec train --plugin, and reopens the run', () => {
  const dataset = writeClusteredDataset(join(scratch, 'data'));
  const out = join(scratch, 'run');
  const sizes = ['model.options.dim=16', 'model.options.layerDims=[16,8]'].flatMap((s) => ['--set', s]);
  const printed = kg4rec(
    'train',
    '--plugin',
    plugin,
    '--dataset',
    dataset,
    '--model',
    'kgat-gated',
    '--epochs',
    '2',
    ...sizes,
    '--out',
    out,
  );
  expect(printed).toMatch(/^Recall@20 0\.\d{4}$/m);
  const saved = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  expect(saved).toMatchObject({ model: { name: 'kgat-gated' }, plugins: [plugin] });
  expect(kg4rec('evaluate', out)).toBe(printed); // the saved run imports its plugin again
  expect(kg4rec('models', '--plugin', plugin)).toMatch(/^\| kgat-gated \| graph \| KGAT with the gated aggregator/m);
}, 180_000);
