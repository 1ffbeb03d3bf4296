import { Kg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { fusionBlocks } from './index';

describe('@kg4rec/crossmodal registry', () => {
  it('is a registry of fusion block parts', () => {
    expect(fusionBlocks.kind).toBe('fusion block');
    expect(fusionBlocks.list()).toEqual([]);
  });

  it('rejects an unknown name with an error that lists the valid ones', () => {
    fusionBlocks.register({ name: 'probe', create: () => 'made', defaults: {} });
    expect(fusionBlocks.create('probe')).toBe('made');
    const error = (() => {
      try {
        fusionBlocks.get('missing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Kg4recError);
    expect((error as Kg4recError).code).toBe('UNKNOWN_NAME');
    expect((error as Kg4recError).message).toContain('probe');
    fusionBlocks.unregister('probe');
    expect(fusionBlocks.list()).toEqual([]);
  });
});
