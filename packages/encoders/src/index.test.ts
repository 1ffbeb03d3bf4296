import type { Registry } from '@kg4rec/core';
import { registryContractProblems } from '@kg4rec/core/testing';
import { expect, it } from 'vitest';
import { imageEncoders, textEncoders } from './index';

it('registers clip, hash and the pretrained encoders for text and images, honouring the registry contract', async () => {
  expect(textEncoders.list()).toEqual(['clip', 'hash', 'pretrained', 'word-vectors']);
  expect(imageEncoders.list()).toEqual(['clip', 'hash', 'mobilenet', 'pretrained']);
  expect(registryContractProblems(textEncoders as unknown as Registry<unknown, Record<string, unknown>>, 'text encoder')).toEqual([]);
  expect(registryContractProblems(imageEncoders as unknown as Registry<unknown, Record<string, unknown>>, 'image encoder')).toEqual([]);
  const text = await textEncoders.create('hash', { dim: 32 });
  expect([text.dim, text.modality]).toEqual([32, 'text']);
  expect((await imageEncoders.create('hash')).dim).toBe(512);
  await expect(textEncoders.create('clip')).rejects.toThrow("encoder 'clip' needs a model folder (--model <dir>)");
});
