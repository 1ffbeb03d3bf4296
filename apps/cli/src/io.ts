/** Where a command writes: stdout for results, stderr for progress and errors. Tests pass a recorder. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** A status line that replaces the previous one (a progress bar); `undefined` clears it. Optional. */
  status?(line: string | undefined): void;
}

let statusShown = false;

/** Writes to the process's own streams; the status line only when stderr is a terminal. */
export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => {
    if (statusShown) process.stderr.write('\r\x1b[K');
    statusShown = false;
    process.stderr.write(`${line}\n`);
  },
  status: (line) => {
    if (!process.stderr.isTTY) return;
    process.stderr.write(line === undefined ? '\r\x1b[K' : `\r${line}\x1b[K`);
    statusShown = line !== undefined;
  },
};
