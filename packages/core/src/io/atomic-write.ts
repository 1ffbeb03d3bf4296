import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kg4recError } from '../errors';

/** Creates folder `path` and its parents if needed; a failure is an `IO_ERROR` naming it. */
export function ensureFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (cause) {
    throw new Kg4recError('IO_ERROR', `${path}: cannot create the folder (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
      details: { file: path },
    });
  }
}

/** Writes a file through a temporary sibling and a rename: readers never see half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureFolder(dirname(path));
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new Kg4recError('IO_ERROR', `${path}: cannot write (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/**
 * Fills a new folder `target` through a temporary sibling folder and a rename, so that a failure
 * leaves nothing behind. `target` must not exist yet, unless `replace` is set: then the old folder
 * is swapped out only once the new one is complete (and restored if the swap fails).
 */
export function writeFolderAtomic(target: string, fill: (folder: string) => void, options: { replace?: boolean } = {}): void {
  if (existsSync(target) && !options.replace) throw new Kg4recError('IO_ERROR', `${target}: already exists; export into a new folder`);
  const temporary = join(dirname(target), `.${process.pid}-${Date.now()}.partial`);
  try {
    ensureFolder(temporary);
  } catch (error) {
    throw new Kg4recError('IO_ERROR', `${target}: cannot be written (${(error as Error).message})`, { cause: error });
  }
  try {
    fill(temporary);
    swapIn(temporary, target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error instanceof Kg4recError
      ? error
      : new Kg4recError('IO_ERROR', `${target}: cannot write (${String(error)})`, { cause: error });
  }
}

/** Renames `folder` to `target`, moving an existing `target` aside first and deleting it after. */
function swapIn(folder: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(folder, target);
    return;
  }
  const old = `${target}.old-${process.pid}`;
  renameSync(target, old);
  try {
    renameSync(folder, target);
  } catch (error) {
    renameSync(old, target);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
