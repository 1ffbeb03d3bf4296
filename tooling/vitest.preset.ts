import { defineConfig } from 'vitest/config';

/** Resolve workspace packages to their `src` (the `@kg4rec/source` export condition): no build needed to test. */
const conditions = ['@kg4rec/source', 'import', 'module', 'node', 'default'];

/**
 * The one vitest configuration every kg4rec package tests with. Timeouts are generous because
 * turbo runs packages side by side on 2-core CI machines; speed targets live in `pnpm bench`.
 */
export function packageTests() {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@kg4rec/source'] } },
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
      reporters: ['default'],
    },
  });
}
