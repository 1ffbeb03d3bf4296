import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { propagationLayers } from './index';

it('@kg4rec/gnn exports its propagation layer registry, empty until its issue fills it', () => {
  expect(propagationLayers.list()).toEqual([]);
  expect(registryContractProblems(propagationLayers, 'propagation layer')).toEqual([]);
});
