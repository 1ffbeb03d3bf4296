import { describe, expect, it } from 'vitest';
import { IdMap } from './index';

describe('IdMap', () => {
  it('assigns ids in first-seen order and maps both ways', () => {
    const map = new IdMap();
    expect([map.add('b'), map.add('a'), map.add('b')]).toEqual([0, 1, 0]);
    expect(map.idOf('a')).toBe(1);
    expect(map.idOf('z')).toBeUndefined();
    expect(map.tokenOf(0)).toBe('b');
    expect(() => map.tokenOf(2)).toThrow('id 2 is out of range [0, 2)');
  });

  it('rejects duplicate tokens in a list', () => {
    expect(() => IdMap.fromTokens(['x', 'y', 'x'], 'entity')).toThrow("duplicate entity 'x' in an id list");
  });

  it('range is an identity map that stores nothing until a token is added', () => {
    const map = IdMap.range(1_000_000_000);
    expect(map.size).toBe(1_000_000_000);
    expect(map.idOf('42')).toBe(42);
    expect(map.idOf('042')).toBeUndefined();
    expect(map.tokenOf(999_999_999)).toBe('999999999');
    const small = IdMap.range(3);
    expect(small.add('x')).toBe(3);
    expect(small.list()).toEqual(['0', '1', '2', 'x']);
    expect(small.idOf('1')).toBe(1);
  });
});
