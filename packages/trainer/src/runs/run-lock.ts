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
  /** The process's start time in clock ticks since boot (Linux), so that a reused pid is not taken for the holder. */
  startTicks?: string;
}

/** A process's start time from `/proc/<pid>/stat` (undefined where there is no procfs). */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `holder` is alive on this host (the same pid, started at the same time). */
function alive(holder: LockInfo): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTicks(holder.pid);
  return holder.startTicks === undefined || now === undefined || now === holder.startTicks;
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
  const ticks = startTicks(process.pid);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), ...(ticks ? { startTicks: ticks } : {}) };
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
    if (holder && holder.host === hostname() && alive(holder))
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
