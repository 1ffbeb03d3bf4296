import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { kgEmbeddings } from './index';

it('@kg4rec/transr exports its KG embedding registry, empty until its issue fills it', () => {
  expect(kgEmbeddings.list()).toEqual([]);
  expect(registryContractProblems(kgEmbeddings, 'KG embedding')).toEqual([]);
});
