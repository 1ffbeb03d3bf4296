import { describe, expect, it } from 'vitest';
import { isKg4recError, mergeConfigLayers, parseConfig, z } from '../index';

const schema = z.object({
  lr: z.number().positive().default(0.001),
  batchSize: z.number().int().min(1),
  layers: z.array(z.number().int()).default([64, 32, 16]),
  model: z.object({ name: z.string() }),
});

describe('parseConfig', () => {
  it('returns the typed value with defaults filled', () => {
    const config = parseConfig(schema, { batchSize: 1024, model: { name: 'kgat' } });
    expect(config).toEqual({ lr: 0.001, batchSize: 1024, layers: [64, 32, 16], model: { name: 'kgat' } });
  });

  it('reports every problem with its source and path', () => {
    try {
      parseConfig(schema, { lr: -1, batchSize: 1.5, layers: [1, 'x'], model: {} }, 'my.yaml');
      expect.unreachable();
    } catch (error) {
      expect(isKg4recError(error, 'INVALID_CONFIG')).toBe(true);
      const problems = (error as { details: { problems: string[] } }).details.problems;
      expect(problems).toHaveLength(4);
      expect(problems[0]).toMatch(/^my\.yaml: lr: /);
      expect(problems[1]).toMatch(/^my\.yaml: batchSize: /);
      expect(problems[2]).toMatch(/^my\.yaml: layers\[1\]: /);
      expect(problems[3]).toMatch(/^my\.yaml: model\.name: /);
    }
  });
});

describe('mergeConfigLayers', () => {
  it('merges later layers over earlier ones, objects key by key, arrays replaced', () => {
    const defaults = { lr: 0.001, train: { epochs: 100, batch: 1024 }, layers: [64, 32, 16] };
    const user = { train: { epochs: 5 }, layers: [64] };
    const flags = { lr: 0.01, train: { batch: undefined } };
    expect(mergeConfigLayers(defaults, undefined, user, flags)).toEqual({
      lr: 0.01,
      train: { epochs: 5, batch: 1024 },
      layers: [64],
    });
    expect(defaults.train.epochs).toBe(100);
  });

  it('rejects a layer that is not an object', () => {
    expect(() => mergeConfigLayers({}, [1, 2])).toThrowError(/must be an object, got an array/);
  });
});
