/** Metrics as the commands print them: `Recall@20 0.1234`, one line each, labels from the metrics registry. */
import { metricLabel } from '@kg4rec/metrics';
import type { Output } from '../io';

/** Prints metrics as `Recall@20 0.1234` lines on stdout, each after `prefix` when one is given. */
export function printMetrics(means: Record<string, number>, io: Output, prefix = ''): void {
  for (const [metric, value] of Object.entries(means)) io.out(`${prefix}${metricLabel(metric)} ${value.toFixed(4)}`);
}
