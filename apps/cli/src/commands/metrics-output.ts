/** Metrics as the commands print them: `Recall@20 0.1234`, one line each, labels from the metrics registry. */
import { metricLabel } from '@kg4rec/metrics';
import type { Output } from '../io';

/** Prints metrics as `Recall@20 0.1234` lines on stdout. */
export function printMetrics(means: Record<string, number>, io: Output): void {
  for (const [metric, value] of Object.entries(means)) io.out(`${metricLabel(metric)} ${value.toFixed(4)}`);
}
