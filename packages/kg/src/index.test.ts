import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { datasetReaders } from './index';

describe('@kg4rec/kg registry', () => {
  it('is a registry of dataset reader parts', () => {
    expect(datasetReaders.kind).toBe('dataset reader');
    expect(datasetReaders.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    datasetReaders.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(datasetReaders.create('probe')).toBe('made');
    const error = (() => {
      try {
        datasetReaders.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    datasetReaders.unregister('probe');
    expect(datasetReaders.list()).toEqual([]);
  });
});
