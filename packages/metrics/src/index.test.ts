import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { metrics } from './index';

describe('@kg4rec/metrics registry', () => {
  it('is a registry of metric parts', () => {
    expect(metrics.kind).toBe('metric');
    expect(metrics.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    metrics.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(metrics.create('probe')).toBe('made');
    const error = (() => {
      try {
        metrics.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    metrics.unregister('probe');
    expect(metrics.list()).toEqual([]);
  });
});
