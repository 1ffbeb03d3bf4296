/**
 * What the side-by-side benchmark reads back from each side: per epoch, the seconds of CF steps,
 * KG steps and the attention refresh, and the test Recall@20 / NDCG@20 after the last epoch. The
 * reference's come from its log lines (KGAT-pytorch's `logging.info` format); kg4rec's from the
 * run's `metrics.jsonl`.
 */
import { parseJsonLines } from '../results/collect';

/** One epoch's phase seconds. */
export interface EpochTimes {
  epoch: number;
  cf: number;
  kg: number;
  attention: number;
  /** The whole epoch as the side reports it (the sum of the phases for kg4rec). */
  total: number;
}

/** What one side reported. */
export interface SideReport {
  epochs: EpochTimes[];
  recall?: number;
  ndcg?: number;
}

const number = (text: string | undefined) => Number(text);

/** The reference's epochs and last evaluation, from its log. */
export function parseReferenceLog(log: string): SideReport {
  const epochs = new Map<number, EpochTimes>();
  const at = (epoch: number) => {
    const times = epochs.get(epoch) ?? { epoch, cf: 0, kg: 0, attention: 0, total: 0 };
    epochs.set(epoch, times);
    return times;
  };
  let recall: number | undefined;
  let ndcg: number | undefined;
  for (const line of log.split('\n')) {
    const phase = /(CF|KG) Training: Epoch (\d+) Total Iter \d+ \| Total Time ([\d.]+)s/.exec(line);
    if (phase) at(number(phase[2]))[phase[1] === 'CF' ? 'cf' : 'kg'] = number(phase[3]);
    const attention = /Update Attention: Epoch (\d+) \| Total Time ([\d.]+)s/.exec(line);
    if (attention) at(number(attention[1])).attention = number(attention[2]);
    const total = /CF \+ KG Training: Epoch (\d+) \| Total Time ([\d.]+)s/.exec(line);
    if (total) at(number(total[1])).total = number(total[2]);
    const evaluation = /CF Evaluation: Epoch \d+ .*Recall \[([\d.]+), [\d.]+\], NDCG \[([\d.]+), [\d.]+\]/.exec(line);
    if (evaluation) [recall, ndcg] = [number(evaluation[1]), number(evaluation[2])];
  }
  return { epochs: [...epochs.values()].sort((a, b) => a.epoch - b.epoch), ...(recall !== undefined ? { recall, ndcg } : {}) };
}

interface MetricsLine {
  epoch?: number;
  seconds?: { cf?: number; kg?: number; attention?: number };
  test?: Record<string, number>;
}

/** kg4rec's epochs and test metrics, from a run's `metrics.jsonl` text (`file` names it in errors). */
export function parseRunMetrics(text: string, file: string): SideReport {
  const lines = parseJsonLines<MetricsLine>(text, file);
  const epochs = lines.flatMap((l) => {
    if (l.epoch === undefined) return [];
    const { cf = 0, kg = 0, attention = 0 } = l.seconds ?? {};
    return [{ epoch: l.epoch, cf, kg, attention, total: cf + kg + attention }];
  });
  const test = lines.at(-1)?.test;
  return { epochs, ...(test ? { recall: test['recall@20'], ndcg: test['ndcg@20'] } : {}) };
}
