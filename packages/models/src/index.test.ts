import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { models } from './index';

describe('@kg4rec/models registry', () => {
  it('is a registry of model parts', () => {
    expect(models.kind).toBe('model');
    expect(models.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    models.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(models.create('probe')).toBe('made');
    const error = (() => {
      try {
        models.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    models.unregister('probe');
    expect(models.list()).toEqual([]);
  });
});
