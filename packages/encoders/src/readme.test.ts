import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataRoot } from '@kg4rec/kg';
import { expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it.skipIf(!existsSync(join(dataRoot(), 'movielens-100k')))("README's example is examples/encode-texts.ts, and it runs", async () => {
  const example = read('../examples/encode-texts.ts');
  expect(read('../README.md')).toContain(`\`\`\`ts\n${example}\`\`\``);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import('../examples/encode-texts');
  const [id, items, withText] = log.mock.calls[0] as [string, number, number];
  log.mockRestore();
  expect([id, items]).toEqual(['hash-text-v1-d512', 1682]);
  expect(withText).toBeGreaterThan(1500);
});
