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
  const problems = result.error.issues.map((issue) => `${source}: ${issuePath(issue.path)}: ${issueMessage(schema, issue)}`);
  throw new Kg4recError('INVALID_CONFIG', `invalid configuration\n  ${problems.join('\n  ')}`, {
    cause: result.error,
    details: { source, problems },
  });
}

/** The issue's message; an unknown key's also lists the keys the object accepts. */
function issueMessage(schema: z.ZodType, issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const keys = objectKeysAt(schema, issue.path);
  return keys ? `${issue.message}; valid keys: ${keys.join(', ')}` : issue.message;
}

/** Peels optional, default, nullable and similar wrappers off a schema. */
function unwrapped(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: { innerType?: unknown } } } | undefined;
  while (current?._zod?.def?.innerType) current = current._zod.def.innerType as typeof current;
  return current;
}

/** The keys of the object schema at `path` inside `schema`, when there is one there. */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current = unwrapped(schema) as { shape?: Record<string, unknown> } | undefined;
  for (const key of path) {
    const next = typeof key === 'string' ? current?.shape?.[key] : undefined;
    if (next === undefined) return undefined;
    current = unwrapped(next) as typeof current;
  }
  return current?.shape ? Object.keys(current.shape) : undefined;
}

function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : String(key)))
    .join('.')
    .replaceAll('.[', '[');
}

type PlainObject = Record<string, unknown>;

/** True for an object literal (not an array, a class instance or null). */
export function isPlainObject(value: unknown): value is PlainObject {
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

/**
 * A part's options: `given` merged over `defaults` as config layers are (plain objects key by
 * key, so `{ kgEmbedding: { options: { l2 } } }` keeps the default name; `undefined` skipped),
 * validated with the part's `schema`; errors are labelled with `label` ("kgat options"). What
 * constructors call, so direct use is checked as strictly as a config.
 */
export function partOptions<S extends z.ZodType>(schema: S, defaults: z.output<S>, given: object, label: string): z.output<S> {
  return parseConfig(schema, mergeConfigLayers(defaults, given), label);
}
