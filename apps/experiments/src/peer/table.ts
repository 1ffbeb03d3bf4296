/** The side-by-side benchmark's table: per epoch each side's phases and the ratio of the epochs. */
import type { SideReport } from './logs';

/** Peak memory and wall time of one side's process. */
export interface ProcessCost {
  peakGb?: number;
  wallSeconds: number;
}

const s = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(1));
const metric = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));

/** The markdown lines of the comparison. */
export function peerTable(ours: SideReport, theirs: SideReport, costs: { ours: ProcessCost; theirs: ProcessCost }): string[] {
  const lines = [
    '| epoch | kg4rec CF | KG | attention | epoch | reference CF | KG | attention | epoch | kg4rec / reference |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const count = Math.max(ours.epochs.length, theirs.epochs.length);
  for (let k = 0; k < count; k++) {
    const [a, b] = [ours.epochs[k], theirs.epochs[k]];
    const ratio = a && b && b.total > 0 ? (a.total / b.total).toFixed(2) : '—';
    lines.push(
      `| ${k + 1} | ${s(a?.cf)} | ${s(a?.kg)} | ${s(a?.attention)} | ${s(a?.total)} | ${s(b?.cf)} | ${s(b?.kg)} | ${s(b?.attention)} | ${s(b?.total)} | ${ratio} |`,
    );
  }
  const gb = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
  return [
    ...lines,
    '',
    '| | kg4rec | reference |',
    '|---|---:|---:|',
    `| peak resident memory (GB) | ${gb(costs.ours.peakGb)} | ${gb(costs.theirs.peakGb)} |`,
    `| wall time of the process (s), loading and evaluation included | ${costs.ours.wallSeconds.toFixed(0)} | ${costs.theirs.wallSeconds.toFixed(0)} |`,
    `| test Recall@20 after epoch ${count} | ${metric(ours.recall)} | ${metric(theirs.recall)} |`,
    `| test NDCG@20 after epoch ${count} | ${metric(ours.ndcg)} | ${metric(theirs.ndcg)} |`,
  ];
}
