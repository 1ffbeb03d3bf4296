import { describe, expect, it } from 'vitest';
import { parseReferenceLog, parseRunMetrics } from './logs';
import { peerTable } from './table';

/** Lines in the reference's log format, for two epochs (an iteration line between, as it logs them). */
const REFERENCE_LOG = [
  '2026-12-04 10:00:00,000 - root - INFO - CF Training: Epoch 0001 Iter 0001 / 0295 | Time 0.4s | Iter Loss 0.6931 | Iter Mean Loss 0.6931',
  '2026-12-04 10:01:40,000 - root - INFO - CF Training: Epoch 0001 Total Iter 0295 | Total Time 100.5s | Iter Mean Loss 0.5012',
  '2026-12-04 10:03:40,000 - root - INFO - KG Training: Epoch 0001 Total Iter 0315 | Total Time 120.2s | Iter Mean Loss 0.3000',
  '2026-12-04 10:03:41,000 - root - INFO - Update Attention: Epoch 0001 | Total Time 1.6s',
  '2026-12-04 10:03:41,000 - root - INFO - CF + KG Training: Epoch 0001 | Total Time 222.4s',
  '2026-12-04 10:05:20,000 - root - INFO - CF Training: Epoch 0002 Total Iter 0295 | Total Time 98.0s | Iter Mean Loss 0.4000',
  '2026-12-04 10:07:20,000 - root - INFO - KG Training: Epoch 0002 Total Iter 0315 | Total Time 118.0s | Iter Mean Loss 0.2000',
  '2026-12-04 10:07:21,000 - root - INFO - Update Attention: Epoch 0002 | Total Time 1.5s',
  '2026-12-04 10:07:21,000 - root - INFO - CF + KG Training: Epoch 0002 | Total Time 217.6s',
  '2026-12-04 10:07:24,000 - root - INFO - CF Evaluation: Epoch 0002 | Total Time 2.8s | Precision [0.0412, 0.0300], Recall [0.0921, 0.1402], NDCG [0.0735, 0.0901]',
].join('\n');

describe('the side-by-side benchmark', () => {
  it("reads the reference's phases per epoch and its last evaluation at K = 20", () => {
    const report = parseReferenceLog(REFERENCE_LOG);
    expect(report.epochs).toEqual([
      { epoch: 1, cf: 100.5, kg: 120.2, attention: 1.6, total: 222.4 },
      { epoch: 2, cf: 98, kg: 118, attention: 1.5, total: 217.6 },
    ]);
    expect([report.recall, report.ndcg]).toEqual([0.0921, 0.0735]);
  });

  it("reads kg4rec's epochs from metrics.jsonl, and names a bad line", () => {
    const text = [
      JSON.stringify({ epoch: 1, cfLoss: 0.5, seconds: { attention: 0.2, cf: 60, kg: 25, eval: 0 } }),
      JSON.stringify({ epoch: 2, cfLoss: 0.4, seconds: { attention: 0.2, cf: 58, kg: 24, eval: 0 } }),
      JSON.stringify({ test: { 'recall@20': 0.09, 'ndcg@20': 0.07 }, bestEpoch: 2 }),
    ].join('\n');
    const report = parseRunMetrics(text, 'm.jsonl');
    expect(report.epochs.map((e) => e.total)).toEqual([85.2, 82.2]);
    expect([report.recall, report.ndcg]).toEqual([0.09, 0.07]);
    expect(() => parseRunMetrics('{"epoch":1}\nnot json', 'm.jsonl')).toThrow('m.jsonl:2: expected one JSON object per line');
  });

  it('prints each epoch side by side with the ratio, then memory, wall time and accuracy', () => {
    const ours = parseRunMetrics(JSON.stringify({ epoch: 1, seconds: { attention: 0.2, cf: 60, kg: 25 } }), 'm');
    const theirs = parseReferenceLog(REFERENCE_LOG);
    const lines = peerTable(ours, theirs, { ours: { wallSeconds: 140, peakGb: 0.7 }, theirs: { wallSeconds: 480, peakGb: 1.6 } });
    expect(lines[2]).toBe('| 1 | 60.0 | 25.0 | 0.2 | 85.2 | 100.5 | 120.2 | 1.6 | 222.4 | 0.38 |');
    expect(lines[3]).toBe('| 2 | — | — | — | — | 98.0 | 118.0 | 1.5 | 217.6 | — |');
    expect(lines).toContain('| peak resident memory (GB) | 0.70 | 1.60 |');
    expect(lines).toContain('| test Recall@20 after epoch 2 | — | 0.0921 |');
  });
});
