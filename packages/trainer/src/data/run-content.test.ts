import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pretrainedAvailability } from '@kg4rec/encoders';
import { afterEach, expect, it } from 'vitest';
import { chosenFeatureEncoder } from './run-content';

const savedModels = process.env.KG4REC_MODELS;
afterEach(() => {
  if (savedModels === undefined) delete process.env.KG4REC_MODELS;
  else process.env.KG4REC_MODELS = savedModels;
});

it('keeps a named encoder and reads auto as pretrained exactly where its models are here', () => {
  const lines: string[] = [];
  expect(chosenFeatureEncoder('hash', (line) => lines.push(line))).toBe('hash');
  expect(chosenFeatureEncoder('clip', (line) => lines.push(line))).toBe('clip');
  const expected = pretrainedAvailability().available ? 'pretrained' : 'hash';
  expect(chosenFeatureEncoder('auto', (line) => lines.push(line))).toBe(expected);
  expect(lines).toHaveLength(expected === 'hash' ? 1 : 0);
});

it('falls back to hash in one line naming what is missing when the MobileNet folder is absent', () => {
  const empty = mkdtempSync(join(tmpdir(), 'kg4rec-models-'));
  try {
    process.env.KG4REC_MODELS = empty;
    const lines: string[] = [];
    expect(chosenFeatureEncoder('auto', (line) => lines.push(line))).toBe('hash');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^features: the pretrained encoders are not available here \(.*mobilenetv2-int8.*\); using the weight-free hash encoders$/,
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
