import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { models } from './index';

it('@kg4rec/models exports its model registry, empty until its issue fills it', () => {
  expect(models.list()).toEqual([]);
  expect(registryContractProblems(models, 'model')).toEqual([]);
});
