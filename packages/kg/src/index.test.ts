import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { datasetReaders } from './index';

it('@kg4rec/kg exports its dataset reader registry, empty until its issue fills it', () => {
  expect(datasetReaders.list()).toEqual([]);
  expect(registryContractProblems(datasetReaders, 'dataset reader')).toEqual([]);
});
