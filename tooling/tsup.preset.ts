import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/** tsup leaves dependencies and peers external, but bundles optional ones: keep those external too. */
function optionalDependencies(): string[] {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { optionalDependencies?: Record<string, string> };
  return Object.keys(manifest.optionalDependencies ?? {});
}

/**
 * The one tsup configuration every kg4rec package builds with: ESM and `.d.ts`, no bundling of
 * dependencies (optional ones included), source maps. Pass extra entry points for packages with subpath exports.
 */
export function packageBuild(entry: Record<string, string> = { index: 'src/index.ts' }, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    external: optionalDependencies(),
    ...extra,
  });
}
