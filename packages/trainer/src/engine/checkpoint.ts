/**
 * Per-epoch checkpoints of a training run, so that a killed run can be resumed and end exactly as
 * an uninterrupted one would: model weights, the best weights so far, both optimizers' state,
 * every generator's state (samplers, the model's dropout) and the loop's bookkeeping. Each
 * checkpoint is a folder `epoch-NNNN` written through a temporary folder and a rename; the one
 * before it is kept (older ones are removed), so that a newest checkpoint damaged after it was
 * written (a disk error, a truncated copy) leaves one to fall back to.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HostTensor, Kg4recError, type RngState, readToHost, type TensorLayout, writeFolderAtomic, writeTensors } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** The loop's bookkeeping at the end of an epoch. */
export interface LoopState<Record> {
  /** The last completed epoch. */
  epoch: number;
  history: Record[];
  best: { epoch: number; value: number };
  /** Evaluations since the best one. */
  stale: number;
  random: { cf: RngState; kg: RngState; model: RngState[] };
}

/** The tensors a checkpoint holds, by file. */
export interface CheckpointTensors {
  weights: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  best: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  cfOptimizer: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  kgOptimizer: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
}

const FORMAT = 'kg4rec-checkpoint-1';
const FILES = ['weights', 'best', 'cfOptimizer', 'kgOptimizer'] as const;
const PATTERN = /^epoch-(\d{4,})$/;

interface StateFile<Record> {
  format: typeof FORMAT;
  loop: LoopState<Record>;
  layouts: { [K in (typeof FILES)[number]]: TensorLayout[] };
}

/** Writes the checkpoint of `loop.epoch` into `dir`, then removes all but it and the one before. */
export async function saveCheckpoint<Record>(dir: string, loop: LoopState<Record>, tensors: CheckpointTensors): Promise<void> {
  const host = Object.fromEntries(await Promise.all(FILES.map(async (file) => [file, await readToHost(tensors[file])] as const)));
  const name = `epoch-${String(loop.epoch).padStart(4, '0')}`;
  const older = listCheckpoints(dir);
  rmSync(join(dir, name), { recursive: true, force: true });
  writeFolderAtomic(join(dir, name), (folder) => {
    const layouts = Object.fromEntries(FILES.map((file) => [file, writeTensors(join(folder, `${file}.bin`), host[file] as HostTensor[])]));
    const state = { format: FORMAT, loop, layouts } as StateFile<Record>;
    writeFileSync(join(folder, 'state.json'), `${JSON.stringify(state)}\n`);
  });
  const kept = listCheckpoints(dir).slice(-2);
  for (const old of older) if (!kept.includes(old)) rmSync(join(dir, old), { recursive: true, force: true });
}

function listCheckpoints(dir: string): string[] {
  try {
    const epochOf = (name: string) => Number(PATTERN.exec(name)?.[1]);
    return readdirSync(dir)
      .filter((name) => PATTERN.test(name))
      .sort((a, b) => epochOf(a) - epochOf(b));
  } catch {
    return [];
  }
}

/** The checkpoint folders of `dir`, newest first. */
export function checkpointFolders(dir: string): string[] {
  return listCheckpoints(dir)
    .reverse()
    .map((name) => join(dir, name));
}

/** A checkpoint folder's state, checked for the fields a resume reads. */
export function readCheckpointState<Record>(folder: string): { folder: string; state: StateFile<Record> } {
  const file = join(folder, 'state.json');
  let state: StateFile<Record>;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as StateFile<Record>;
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${file}: cannot read the checkpoint state (${String(cause)})`, { cause });
  }
  if (state?.format !== FORMAT)
    throw new Kg4recError('PARSE_ERROR', `${file}: expected format '${FORMAT}', got '${String(state?.format)}'`);
  const loop = state.loop as Partial<LoopState<Record>> | undefined;
  const layoutsOk = FILES.every((f) => Array.isArray(state.layouts?.[f]));
  if (
    !layoutsOk ||
    !Number.isInteger(loop?.epoch) ||
    !Array.isArray(loop?.history) ||
    typeof loop?.best?.value !== 'number' ||
    !loop.random
  )
    throw new Kg4recError(
      'PARSE_ERROR',
      `${file}: expected a loop state (epoch, history, best, stale, random) and a tensor layout for each of ${FILES.join(', ')}`,
    );
  return { folder, state };
}

/** Assigns saved values to variables in order, checking every shape. */
export function assignAll(
  file: string,
  variables: readonly tf.Variable[],
  saved: ReadonlyArray<{ name: string; tensor: tf.Tensor }>,
): void {
  if (saved.length !== variables.length) {
    throw new Kg4recError('SHAPE_MISMATCH', `${file}: holds ${saved.length} tensors but the model has ${variables.length} variables`);
  }
  variables.forEach((variable, i) => {
    const { name, tensor } = saved[i] as { name: string; tensor: tf.Tensor };
    if (!tf.util.arraysEqual(variable.shape, tensor.shape)) {
      throw new Kg4recError(
        'SHAPE_MISMATCH',
        `${file}: '${name}' has shape [${tensor.shape.join(', ')}] but variable ${i} needs [${variable.shape.join(', ')}]`,
      );
    }
    variable.assign(tensor);
  });
}
