import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { kgEmbeddings } from './index';

describe('@kg4rec/transr registry', () => {
  it('is a registry of KG embedding parts', () => {
    expect(kgEmbeddings.kind).toBe('KG embedding');
    expect(kgEmbeddings.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    kgEmbeddings.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(kgEmbeddings.create('probe')).toBe('made');
    const error = (() => {
      try {
        kgEmbeddings.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    kgEmbeddings.unregister('probe');
    expect(kgEmbeddings.list()).toEqual([]);
  });
});
