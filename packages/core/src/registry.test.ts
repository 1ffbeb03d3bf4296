import { describe, expect, it } from 'vitest';
import { createRegistry, isKg4recError, type Kg4recError, slotConfig, slotSchema, z } from './index';

interface Scorer {
  score(x: number): number;
}

function scorers() {
  const registry = createRegistry<Scorer, { factor: number }>('scorer');
  registry.register({ name: 'scale', create: ({ factor }) => ({ score: (x) => x * factor }), defaults: { factor: 2 } });
  registry.register({ name: 'shift', create: ({ factor }) => ({ score: (x) => x + factor }), defaults: { factor: 1 } });
  return registry;
}

function thrown(work: () => unknown): Kg4recError {
  try {
    work();
  } catch (error) {
    if (isKg4recError(error)) return error;
    throw error;
  }
  throw new Error('expected a Kg4recError');
}

describe('createRegistry', () => {
  it('lists registered names sorted and creates parts with defaults merged under options', () => {
    const registry = scorers();
    expect(registry.list()).toEqual(['scale', 'shift']);
    expect(registry.create('scale').score(3)).toBe(6);
    expect(registry.create('scale', { factor: 10 }).score(3)).toBe(30);
  });

  it('resolves a name, a { name, options } object, or an instance', () => {
    const registry = scorers();
    const instance: Scorer = { score: () => 42 };
    expect(registry.resolve('shift').score(1)).toBe(2);
    expect(registry.resolve({ name: 'shift', options: { factor: 5 } }).score(1)).toBe(6);
    expect(registry.resolve(instance)).toBe(instance);
  });

  it('names the kind and every valid choice when a name is unknown', () => {
    const error = thrown(() => scorers().get('sclae'));
    expect(error.code).toBe('UNKNOWN_NAME');
    expect(error.message).toBe("unknown scorer 'sclae': expected one of 'scale', 'shift'");
    expect(error.details).toMatchObject({ kind: 'scorer', valid: ['scale', 'shift'] });
  });

  it('says when nothing is registered yet', () => {
    const error = thrown(() => createRegistry('metric').create('recall'));
    expect(error.message).toBe("unknown metric 'recall': expected one of none registered");
  });

  it('rejects a duplicate name and unregisters known names only', () => {
    const registry = scorers();
    const duplicate = thrown(() => registry.register({ name: 'scale', create: () => ({ score: () => 0 }), defaults: { factor: 0 } }));
    expect(duplicate.code).toBe('DUPLICATE_NAME');
    registry.unregister('scale');
    expect(registry.has('scale')).toBe(false);
    expect(thrown(() => registry.unregister('scale')).code).toBe('UNKNOWN_NAME');
  });

  it('validates merged options with a spec schema: an unknown key is named with the valid ones', () => {
    const registry = createRegistry<Scorer, { factor: number }>('scorer');
    const schema = z.object({ factor: z.number().min(0) }).strict();
    registry.register({ name: 'scale', create: ({ factor }) => ({ score: (x) => x * factor }), defaults: { factor: 2 }, schema });
    const typo = thrown(() => registry.create('scale', { factr: 3 } as never));
    expect(typo.code).toBe('INVALID_CONFIG');
    expect(typo.message).toContain('scorer \'scale\' options: (root): Unrecognized key: "factr"; valid keys: factor');
    expect(thrown(() => registry.create('scale', { factor: -1 })).message).toContain('factor: Too small');
    expect(registry.options('scale', { factor: 4 })).toEqual({ factor: 4 });
  });

  it('layers a slot: defaults < base < own options < fixed, and refuses options that contradict fixed ones', () => {
    const registry = createRegistry<{ options: Record<string, number> }, Record<string, number>>('part');
    registry.register({ name: 'p', create: (options) => ({ options }), defaults: { a: 1, b: 1, c: 1 } });
    const layers = { base: { b: 2, c: 2 }, fixed: { c: 3 } };
    expect(registry.resolve({ name: 'p', options: { b: 5 } }, layers).options).toEqual({ a: 1, b: 5, c: 3 });
    expect(registry.resolve('p', layers).options).toEqual({ a: 1, b: 2, c: 3 });
    expect(registry.resolve({ name: 'p', options: { c: 3 } }, layers).options.c).toBe(3);
    const clash = thrown(() => registry.resolve({ name: 'p', options: { c: 4 } }, layers));
    expect(clash.message).toBe("part 'p': option 'c' is set by the model that holds it (3), got 4; leave it out");
  });

  it('passes a context argument to factories that take one', () => {
    const registry = createRegistry<string, { prefix: string }, { user: string }>('greeter');
    registry.register({ name: 'hello', create: ({ prefix }, context) => `${prefix} ${context.user}`, defaults: { prefix: 'hello' } });
    expect(registry.create('hello', {}, { user: 'ada' })).toBe('hello ada');
    expect(registry.resolve({ name: 'hello', options: { prefix: 'hi' } }, {}, { user: 'ada' })).toBe('hi ada');
  });

  it('refuses a { name, … } object with keys beside name and options instead of taking it for an instance', () => {
    const error = thrown(() => scorers().resolve({ name: 'scale', factor: 3 } as never));
    expect(error.message).toBe("scorer 'scale': expected { name, options }, got key 'factor' beside name (put them under options)");
  });
});

describe('slotSchema and slotConfig', () => {
  const schema = slotSchema<Scorer>('scorer');
  it('accepts a name, { name, options } or an instance, and nothing else', () => {
    expect(schema.safeParse('scale').success).toBe(true);
    expect(schema.safeParse({ name: 'scale', options: { factor: 1 } }).success).toBe(true);
    expect(
      schema.safeParse(
        new (class {
          score = (x: number) => x;
        })(),
      ).success,
    ).toBe(true);
    expect(schema.safeParse(7).success).toBe(false);
    expect(schema.safeParse({ name: 'scale', factor: 1 }).success).toBe(false);
  });

  it('saves names as given and an instance as its config without the fixed keys', () => {
    const instance = { getConfig: () => ({ name: 'scale', options: { factor: 3, size: 10 } }) };
    expect(slotConfig('scale')).toBe('scale');
    expect(slotConfig({ name: 'scale', options: { factor: 2 } })).toEqual({ name: 'scale', options: { factor: 2 } });
    expect(slotConfig(instance, ['size'])).toEqual({ name: 'scale', options: { factor: 3 } });
  });
});
