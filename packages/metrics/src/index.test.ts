import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { metrics } from './index';

it('@kg4rec/metrics exports its metric registry, empty until its issue fills it', () => {
  expect(metrics.list()).toEqual([]);
  expect(registryContractProblems(metrics, 'metric')).toEqual([]);
});
