import { describe, expect, it } from 'vitest';
import { buildCollaborativeKg, DatasetBuilder, neighbourSequences, readRecbole } from './index';
import { fixtureDir, TINY_RECBOLE } from './test-support/fixtures';

describe('neighbourSequences', async () => {
  const dataset = await readRecbole(new DatasetBuilder(), fixtureDir(TINY_RECBOLE), 'tiny');
  const ckg = buildCollaborativeKg(dataset, Int32Array.from([0, 1, 2, 3])); // all interactions are training
  // Nodes: items i1..i4 = 0..3, m.g = 4, m.d = 5, users u1..u3 = 6..8.

  it('orders by hop, then node id, the item first, padded with −1 and mask 0', () => {
    const { nodes, hops, mask } = neighbourSequences(ckg, { length: 6 });
    const row = (item: number) => Array.from(nodes.subarray(item * 6, item * 6 + 6));
    expect(row(0)).toEqual([0, 4, 6, 1, 7, -1]); // i1 → {m.g, u1} → {i2} (through both) → {u2}
    expect(Array.from(hops.subarray(0, 6))).toEqual([0, 1, 1, 2, 3, 255]);
    expect(Array.from(mask.subarray(0, 6))).toEqual([1, 1, 1, 1, 1, 0]);
    expect(row(2)).toEqual([2, 5, -1, -1, -1, -1]); // i3 → m.d only (no user rated it)
    expect(row(3)).toEqual([3, 8, -1, -1, -1, -1]); // i4 → u3
  });

  it('truncates at the length and respects maxHops', () => {
    expect(Array.from(neighbourSequences(ckg, { length: 2 }).nodes.subarray(0, 2))).toEqual([0, 4]);
    expect(Array.from(neighbourSequences(ckg, { length: 6, maxHops: 1 }).nodes.subarray(0, 6))).toEqual([0, 4, 6, -1, -1, -1]);
  });

  it('rejects bad options', () => {
    expect(() => neighbourSequences(ckg, { length: 0 })).toThrow(/length must be an integer ≥ 1/);
  });
});
