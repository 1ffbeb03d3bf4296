import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it('the README and the repository README show examples/train.ts as it is (train-run.test.ts runs it)', () => {
  const example = `\`\`\`ts\n${read('../examples/train.ts')}\`\`\``;
  expect(read('../README.md')).toContain(example);
  expect(read('../../../README.md')).toContain(example);
});
