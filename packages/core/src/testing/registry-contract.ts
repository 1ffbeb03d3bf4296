import { isKg4recError } from '../errors';
import type { Registry } from '../registry';

/**
 * Checks that a package's registry is a working kg4rec registry of the given kind: it registers,
 * creates, resolves names, rejects unknown names with `UNKNOWN_NAME` listing the valid ones, and
 * unregisters. Leaves the registry as it found it. Returns the problems found (none: `[]`).
 */
export function registryContractProblems(registry: Registry<unknown, Record<string, unknown>>, kind: string): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => ok || problems.push(problem);
  const before = registry.list();
  const probe = '__contract_probe__';
  expect(registry.kind === kind, `kind is '${registry.kind}', expected '${kind}'`);
  registry.register({ name: probe, create: (options) => ({ made: options }), defaults: { size: 1 } });
  expect(JSON.stringify(registry.resolve(probe)) === '{"made":{"size":1}}', 'resolve(name) did not create with defaults');
  expect(registry.list().includes(probe), 'list() does not show a registered name');
  try {
    registry.get('__missing__');
    problems.push('get() of an unknown name did not throw');
  } catch (error) {
    expect(isKg4recError(error, 'UNKNOWN_NAME'), 'unknown name did not raise UNKNOWN_NAME');
    expect(error instanceof Error && error.message.includes(`'${probe}'`), 'unknown-name error does not list the valid names');
  }
  registry.unregister(probe);
  expect(JSON.stringify(registry.list()) === JSON.stringify(before), 'unregister() did not restore the list');
  return problems;
}
