import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { encoders } from './index';

it('@kg4rec/encoders exports its encoder registry, empty until its issue fills it', () => {
  expect(encoders.list()).toEqual([]);
  expect(registryContractProblems(encoders, 'encoder')).toEqual([]);
});
