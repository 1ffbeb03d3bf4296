import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it("README's example is examples/neighbour-aggregation.ts, and it runs", async () => {
  const readme = read('../README.md');
  const example = read('../examples/neighbour-aggregation.ts');
  expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import('../examples/neighbour-aggregation');
  expect(log).toHaveBeenCalledWith(tf.getBackend(), [4, 8]);
  log.mockRestore();
});
