import type { z } from 'zod';
import { isPlainObject, mergeConfigLayers, parseConfig } from './config/validate';
import { Kg4recError } from './errors';

/**
 * How to build one named part: a factory, the options it takes when none are given and,
 * optionally, a schema that checks them. `C` is what the factory needs beside its options (a
 * model: the data it is built for); `undefined` for parts built from options alone.
 */
export interface ComponentSpec<T, O, C = undefined> {
  /** The name configs use to pick this part. */
  name: string;
  /** Builds the part from its fully-resolved options. */
  create: (options: O, context: C) => T;
  /** Default options; a config's options are merged over them. */
  defaults: O;
  /** One line for `list` outputs and docs. */
  description?: string;
  /**
   * A zod schema of the resolved options. When present, every `create` validates the merged
   * options first: an unknown key is an error naming it and listing the valid ones.
   */
  schema?: z.ZodType;
}

/** A config slot: a registered name, `{ name, options }`, or a ready-made instance. */
export type Slot<T, O = Record<string, unknown>> = string | { name: string; options?: Partial<O> } | T;

/**
 * Options a caller adds when it resolves a slot: `base` sits between the part's defaults and
 * the slot's own options (a model's shared settings: its seed, its L2 weight); `fixed` is what
 * the caller's structure decides (sizes from the graph) and may not be contradicted.
 */
export interface SlotLayers<O> {
  base?: Partial<O>;
  fixed?: Partial<O>;
}

/** The rest parameter of a factory's extra argument: none for `undefined`. */
export type ContextArgs<C> = [C] extends [undefined] ? [] : [context: C];

/** A typed registry of one kind of swappable part (KG embedding, encoder, metric, …). */
export interface Registry<T, O, C = undefined, M extends object = object> {
  /** What kind of part it holds, used in error messages ("unknown metric 'x'"). */
  readonly kind: string;
  /** Adds a part; a second part with the same name is a `DUPLICATE_NAME` error. */
  register(spec: ComponentSpec<T, O, C> & M): void;
  /** Removes a part (for tests and plugins); unknown names are an `UNKNOWN_NAME` error. */
  unregister(name: string): void;
  /** The spec of a registered name, or an `UNKNOWN_NAME` error listing the valid names. */
  get(name: string): ComponentSpec<T, O, C> & M;
  /** True when `name` is registered. */
  has(name: string): boolean;
  /** Registered names, sorted. */
  list(): string[];
  /**
   * The options `create` would build `name` with: defaults < base < options < fixed, merged as
   * config layers are (plain objects key by key), then validated with the spec's schema.
   */
  options(name: string, options?: Partial<O>, layers?: SlotLayers<O>): O;
  /** Builds the part `name` with `options` merged over its defaults. */
  create(name: string, options?: Partial<O>, ...context: ContextArgs<C>): T;
  /**
   * Resolves a config slot: a name or `{ name, options }` is created with `layers`; anything
   * else is returned as the instance it is.
   */
  resolve(slot: Slot<T, O>, layers?: SlotLayers<O>, ...context: ContextArgs<C>): T;
}

/** Creates an empty {@link Registry} for parts of the given kind. */
export function createRegistry<T, O = Record<string, unknown>, C = undefined, M extends object = object>(
  kind: string,
): Registry<T, O, C, M> {
  const specs = new Map<string, ComponentSpec<T, O, C> & M>();
  const list = () => [...specs.keys()].sort();
  const get = (name: string) => {
    const spec = specs.get(name);
    if (spec) return spec;
    throw unknownName(kind, name, list());
  };
  const options = (name: string, given: Partial<O> = {}, layers: SlotLayers<O> = {}): O => {
    const spec = get(name);
    checkFixed(kind, name, given, layers.fixed ?? {});
    const merged = mergeConfigLayers(spec.defaults, layers.base, given, layers.fixed) as O;
    return spec.schema ? (parseConfig(spec.schema, merged, `${kind} '${name}' options`) as O) : merged;
  };
  const build = (name: string, given: Partial<O> | undefined, layers: SlotLayers<O> | undefined, context: unknown[]) =>
    get(name).create(options(name, given, layers), context[0] as C);
  return {
    kind,
    register(spec) {
      if (specs.has(spec.name)) {
        throw new Kg4recError('DUPLICATE_NAME', `${kind} '${spec.name}' is already registered`, {
          details: { kind, name: spec.name },
        });
      }
      specs.set(spec.name, spec);
    },
    unregister(name) {
      get(name);
      specs.delete(name);
    },
    get,
    has: (name) => specs.has(name),
    list,
    options,
    create: (name, given, ...context) => build(name, given, {}, context),
    resolve(slot, layers, ...context) {
      const named = namedSlot<O>(slot, kind);
      return named ? build(named.name, named.options, layers, context) : (slot as T);
    },
  };
}

function unknownName(kind: string, name: string, valid: string[]): Kg4recError {
  const choices = valid.length > 0 ? valid.map((n) => `'${n}'`).join(', ') : 'none registered';
  return new Kg4recError('UNKNOWN_NAME', `unknown ${kind} '${name}': expected one of ${choices}`, {
    details: { kind, name, valid },
  });
}

/** An `INVALID_CONFIG` error when a slot's options contradict what its caller fixes. */
function checkFixed<O>(kind: string, name: string, given: Partial<O>, fixed: Partial<O>): void {
  for (const [key, value] of Object.entries(fixed)) {
    const own = (given as Record<string, unknown>)[key];
    if (own !== undefined && JSON.stringify(own) !== JSON.stringify(value)) {
      throw new Kg4recError(
        'INVALID_CONFIG',
        `${kind} '${name}': option '${key}' is set by the model that holds it (${JSON.stringify(value)}), got ${JSON.stringify(own)}; leave it out`,
        { details: { kind, name, key } },
      );
    }
  }
}

/**
 * The `{ name, options }` form of a slot (a name alone included), or undefined for an instance.
 * A plain object with a string `name` and other keys is a mistake, not an instance.
 */
export function namedSlot<O>(slot: unknown, kind = 'part'): { name: string; options?: Partial<O> } | undefined {
  if (typeof slot === 'string') return { name: slot };
  if (!isPlainObject(slot) || typeof slot.name !== 'string') return undefined;
  const extra = Object.keys(slot).filter((k) => k !== 'name' && k !== 'options');
  if (extra.length > 0 && extra.every((k) => typeof slot[k] !== 'function')) {
    throw new Kg4recError(
      'INVALID_CONFIG',
      `${kind} '${slot.name}': expected { name, options }, got key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `'${k}'`).join(', ')} beside name (put them under options)`,
    );
  }
  return extra.length > 0 ? undefined : (slot as { name: string; options?: Partial<O> });
}
