import { z } from 'zod';
import { Kg4recError } from '../errors';

export { z };

/**
 * Validates `input` against a zod `schema` and returns the parsed, typed value (defaults filled).
 * On failure throws `INVALID_CONFIG`, one line per problem: `<source>: <path>: <what was expected>`.
 *
 * @param source where the input came from, for the message ("config.yaml", "--lr", "defaults").
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, source = 'config'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${source}: ${issuePath(issue.path)}: ${issue.message}`);
  throw new Kg4recError('INVALID_CONFIG', `invalid configuration\n  ${problems.join('\n  ')}`, {
    cause: result.error,
    details: { source, problems },
  });
}

function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : String(key)))
    .join('.')
    .replaceAll('.[', '[');
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Merges config layers, later over earlier (defaults < model < dataset < user file < CLI flags).
 * Plain objects merge key by key; any other value (arrays included) replaces; `undefined` is skipped.
 */
export function mergeConfigLayers(...layers: readonly unknown[]): PlainObject {
  let merged: PlainObject = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (!isPlainObject(layer)) {
      throw new Kg4recError('INVALID_CONFIG', `a config layer must be an object, got ${describeValue(layer)}`);
    }
    merged = mergeTwo(merged, layer);
  }
  return merged;
}

function mergeTwo(base: PlainObject, over: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeTwo(current, value) : value;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
