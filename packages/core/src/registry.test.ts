import { describe, expect, it } from 'vitest';
import { createRegistry, isKg4recError, type Kg4recError } from './index';

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
});
