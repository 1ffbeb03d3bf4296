import { Kg4recError } from './errors';

/** How to build one named part: a factory and the options it takes when none are given. */
export interface ComponentSpec<T, O> {
  /** The name configs use to pick this part. */
  name: string;
  /** Builds the part from its fully-resolved options. */
  create: (options: O) => T;
  /** Default options; a config's options are merged over them. */
  defaults: O;
  /** One line for `list` outputs and docs. */
  description?: string;
}

/** A config slot: a registered name, `{ name, options }`, or a ready-made instance. */
export type Slot<T, O> = string | { name: string; options?: Partial<O> } | T;

/** A typed registry of one kind of swappable part (KG embedding, encoder, metric, …). */
export interface Registry<T, O> {
  /** What kind of part it holds, used in error messages ("unknown metric 'x'"). */
  readonly kind: string;
  /** Adds a part; a second part with the same name is a `DUPLICATE_NAME` error. */
  register(spec: ComponentSpec<T, O>): void;
  /** Removes a part (for tests and plugins); unknown names are an `UNKNOWN_NAME` error. */
  unregister(name: string): void;
  /** The spec of a registered name, or an `UNKNOWN_NAME` error listing the valid names. */
  get(name: string): ComponentSpec<T, O>;
  /** True when `name` is registered. */
  has(name: string): boolean;
  /** Registered names, sorted. */
  list(): string[];
  /** Builds the part `name` with `options` merged over its defaults. */
  create(name: string, options?: Partial<O>): T;
  /** Resolves a config slot: a name or `{ name, options }` is created; anything else is returned as the instance it is. */
  resolve(slot: Slot<T, O>): T;
}

/** Creates an empty {@link Registry} for parts of the given kind. */
export function createRegistry<T, O = Record<string, unknown>>(kind: string): Registry<T, O> {
  const specs = new Map<string, ComponentSpec<T, O>>();
  const list = () => [...specs.keys()].sort();
  const get = (name: string) => {
    const spec = specs.get(name);
    if (spec) return spec;
    const valid = list();
    const choices = valid.length > 0 ? valid.map((n) => `'${n}'`).join(', ') : 'none registered';
    throw new Kg4recError('UNKNOWN_NAME', `unknown ${kind} '${name}': expected one of ${choices}`, {
      details: { kind, name, valid },
    });
  };
  const create = (name: string, options: Partial<O> = {}) => {
    const spec = get(name);
    return spec.create({ ...spec.defaults, ...options });
  };
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
    create,
    resolve(slot) {
      if (typeof slot === 'string') return create(slot);
      if (isNamedSlot<O>(slot)) return create(slot.name, slot.options);
      return slot as T;
    },
  };
}

function isNamedSlot<O>(slot: unknown): slot is { name: string; options?: Partial<O> } {
  if (typeof slot !== 'object' || slot === null) return false;
  const keys = Object.keys(slot);
  return typeof (slot as { name?: unknown }).name === 'string' && keys.every((k) => k === 'name' || k === 'options');
}
