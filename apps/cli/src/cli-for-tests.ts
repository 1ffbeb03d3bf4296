/** Runs the `kg4rec` command in-process for tests, collecting what it prints. */
import { main, type Output } from './index';

/** The exit code and the printed stdout and stderr lines of `kg4rec ...argv`. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
