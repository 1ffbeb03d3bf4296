/**
 * One run per folder: a run holds `<out>/.lock` (its pid, host and start time) from start to end,
 * created exclusively, so a second run into the same folder is refused while the first lives. A
 * lock left by a process that is gone (killed, crashed) is stale and is taken over, with a line
 * saying so.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ensureFolder, Kg4recError } from '@kg4rec/core';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

/** Whether process `pid` is alive on this host. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Creates the lock file exclusively; false when it exists. */
function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Kg4recError('IO_ERROR', `${file}: cannot create the run's lock file (${(error as Error).message})`, { cause: error });
  }
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  writeSync(fd, `${JSON.stringify(info)}\n`);
  closeSync(fd);
  return true;
}

/**
 * Takes the lock of run folder `out` (created if needed) for this process; returns its release.
 * Refuses (`RUN_IN_USE`) while another live process on this host holds it.
 */
export function lockRunFolder(out: string, log: (line: string) => void = () => {}): () => void {
  ensureFolder(out);
  const file = join(out, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file)) return () => rmSync(file, { force: true });
    const holder = readLock(file);
    if (holder && holder.host === hostname() && alive(holder.pid))
      throw new Kg4recError(
        'RUN_IN_USE',
        `${out}: another run (pid ${holder.pid}, started ${holder.started}) is writing this folder; wait for it to end or choose another --out`,
      );
    if (holder && holder.host !== hostname())
      throw new Kg4recError(
        'RUN_IN_USE',
        `${out}: locked by a run on host ${holder.host} (pid ${holder.pid}); if it is gone, remove ${file}`,
      );
    log(`${file}: a stale lock (pid ${holder?.pid ?? 'unknown'}, no longer running) was taken over`);
    rmSync(file, { force: true });
  }
  throw new Kg4recError('RUN_IN_USE', `${out}: another run took the lock at the same moment; choose another --out`);
}
