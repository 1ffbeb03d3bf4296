import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { encoders } from './index';

describe('@kg4rec/encoders registry', () => {
  it('is a registry of encoder parts', () => {
    expect(encoders.kind).toBe('encoder');
    expect(encoders.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    encoders.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(encoders.create('probe')).toBe('made');
    const error = (() => {
      try {
        encoders.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    encoders.unregister('probe');
    expect(encoders.list()).toEqual([]);
  });
});
