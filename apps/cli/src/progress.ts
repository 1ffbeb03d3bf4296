/**
 * The training progress bar: one status line per phase, e.g.
 *   epoch 3/10  cf  [########··········]  118/295  loss 0.5321  2.4 steps/s  eta 74 s
 * redrawn at most every `intervalMs` (the status line shows only on a terminal).
 */
import type { StepProgress } from '@kg4rec/trainer';

const WIDTH = 24;

/** Renders one progress line. */
export function progressLine(p: StepProgress, epochs: number): string {
  const done = Math.round((WIDTH * p.step) / Math.max(1, p.steps));
  const rate = p.seconds > 0 ? p.step / p.seconds : 0;
  const eta = rate > 0 ? (p.steps - p.step) / rate : 0;
  const bar = `${'#'.repeat(done)}${'·'.repeat(WIDTH - done)}`;
  return `epoch ${p.epoch}/${epochs}  ${p.phase}  [${bar}]  ${p.step}/${p.steps}  loss ${p.loss.toFixed(4)}  ${rate.toFixed(1)} steps/s  eta ${eta.toFixed(0)} s`;
}

/** A throttled `onProgress` that draws {@link progressLine} through `status`. */
export function progressReporter(status: (line: string | undefined) => void, epochs: number, intervalMs = 100) {
  let last = 0;
  return (p: StepProgress) => {
    const now = performance.now();
    if (p.step === p.steps) {
      status(undefined);
      return;
    }
    if (now - last < intervalMs) return;
    last = now;
    status(progressLine(p, epochs));
  };
}
