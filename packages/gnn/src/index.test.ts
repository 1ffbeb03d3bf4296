import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { propagationLayers } from './index';

describe('@kg4rec/gnn registry', () => {
  it('is a registry of propagation layer parts', () => {
    expect(propagationLayers.kind).toBe('propagation layer');
    expect(propagationLayers.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    propagationLayers.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(propagationLayers.create('probe')).toBe('made');
    const error = (() => {
      try {
        propagationLayers.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    propagationLayers.unregister('probe');
    expect(propagationLayers.list()).toEqual([]);
  });
});
