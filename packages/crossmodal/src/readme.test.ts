import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it("README's example is examples/fuse.ts, and it runs", async () => {
  const example = read('../examples/fuse.ts');
  expect(read('../README.md')).toContain(`\`\`\`ts\n${example}\`\`\``);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import('../examples/fuse');
  expect(log).toHaveBeenCalledWith([2, 64], [2, 64], [2, 8, 5, 10]);
  log.mockRestore();
});
