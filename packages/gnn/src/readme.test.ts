import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it("README's example is examples/propagate.ts, and it runs", async () => {
  const example = read('../examples/propagate.ts');
  expect(read('../README.md')).toContain(`\`\`\`ts\n${example}\`\`\``);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import('../examples/propagate');
  expect(log).toHaveBeenCalledWith([3, 20]);
  log.mockRestore();
});
