import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { fusionBlocks } from './index';

it('@kg4rec/crossmodal exports its fusion block registry, empty until its issue fills it', () => {
  expect(fusionBlocks.list()).toEqual([]);
  expect(registryContractProblems(fusionBlocks, 'fusion block')).toEqual([]);
});
