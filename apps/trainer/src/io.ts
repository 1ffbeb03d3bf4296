/** Where a command writes: stdout for results, stderr for progress and errors. Tests pass a recorder. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Writes to the process's own streams. */
export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
