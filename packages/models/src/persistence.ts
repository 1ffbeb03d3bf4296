/**
 * Saving and loading a model: `model.json` holds its config (`{ name, options }`) and the layout
 * of its weights; `weights.bin` holds every variable's float32 values in `variables` order. A
 * folder is written atomically. Loading rebuilds the model from its config for a data context
 * and assigns the weights, checking every shape.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelContext } from '@kg4rec/core';
import { float32Values, Kg4recError, type PartConfig, type Recommender, readToHost, writeFolderAtomic, writeTensors } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { createModel } from './registry';

/** The contents of `model.json`. */
export interface SavedModel {
  format: 'kg4rec-model-1';
  config: PartConfig;
  variables: Array<{ shape: number[]; offset: number; length: number }>;
}

/** Writes `model` to a new folder `dir` (atomically: nothing is left behind if it fails). */
export async function saveModel(model: Recommender, dir: string): Promise<void> {
  const weights = await readToHost(model.variables.map((tensor, i) => ({ name: `v${i}`, tensor })));
  writeFolderAtomic(dir, (folder) => {
    const layout = writeTensors(join(folder, 'weights.bin'), weights);
    const variables = layout.map(({ shape, offset }) => ({ shape, offset, length: shape.reduce((a, b) => a * b, 1) }));
    const saved: SavedModel = { format: 'kg4rec-model-1', config: model.getConfig(), variables };
    writeFileSync(join(folder, 'model.json'), `${JSON.stringify(saved, null, 2)}\n`);
  });
}

function readSaved(dir: string): { saved: SavedModel; weights: Float32Array } {
  const file = join(dir, 'model.json');
  let saved: SavedModel;
  let bytes: Buffer;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as SavedModel;
    bytes = readFileSync(join(dir, 'weights.bin'));
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${dir}: cannot read a saved model (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
  }
  if (saved?.format !== 'kg4rec-model-1')
    throw new Kg4recError('PARSE_ERROR', `${file}: expected format 'kg4rec-model-1', got '${String(saved?.format)}'`);
  if (!Array.isArray(saved.variables) || !saved.variables.every(isVariableEntry))
    throw new Kg4recError('PARSE_ERROR', `${file}: expected 'variables' to list { shape, offset, length } for each variable`);
  const end = saved.variables.reduce((most, v) => Math.max(most, v.offset + v.length), 0);
  return { saved, weights: float32Values(join(dir, 'weights.bin'), bytes, end) };
}

/** Whether a saved variable entry has a shape of whole numbers, and an offset and length that agree with it. */
function isVariableEntry(v: unknown): v is SavedModel['variables'][number] {
  const { shape, offset, length } = (v ?? {}) as Partial<SavedModel['variables'][number]>;
  const whole = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
  return Array.isArray(shape) && shape.every(whole) && whole(offset) && whole(length) && shape.reduce((a, b) => a * b, 1) === length;
}

/**
 * Rebuilds a saved model for `context`, loads its weights, and refreshes what the model derives
 * from them (KGAT's attention π, Multi-KG4Rec's fused items), so it scores as the saved one did.
 */
export function loadModel(dir: string, context: ModelContext): Recommender {
  const { saved, weights } = readSaved(dir);
  const model = createModel(saved.config, context);
  const mismatch = model.variables.findIndex((v, i) => JSON.stringify(v.shape) !== JSON.stringify(saved.variables[i]?.shape));
  if (mismatch >= 0 || model.variables.length !== saved.variables.length) {
    const got = saved.variables[mismatch]?.shape ?? [];
    model.dispose();
    throw new Kg4recError(
      'SHAPE_MISMATCH',
      `${dir}: variable ${mismatch} has shape [${got.join(', ')}] but the model for this data needs [${model.variables[mismatch]?.shape.join(', ') ?? ''}]`,
    );
  }
  model.variables.forEach((variable, i) => {
    const { offset, length } = saved.variables[i] as SavedModel['variables'][number];
    tf.tidy(() => variable.assign(tf.tensor(weights.subarray(offset, offset + length), variable.shape)));
  });
  model.refresh?.();
  return model;
}
