import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chosenSettings, rowSweeps } from './choose';
import { estimateRuns, planLines } from './estimate';
import { parseSweep, planRuns, planSweep, RESULT_ROWS, type ResultsProtocol } from './plan';
import { resultsSection, SWEPT_BEGIN, SWEPT_END, sectionMarkers, writeResultsSection } from './report';
import { argumentsFor } from './runner';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function protocol(): ResultsProtocol {
  const out = mkdtempSync(join(tmpdir(), 'kg4rec-sweep-'));
  dirs.push(out);
  const rows = RESULT_ROWS.filter((r) => ['kgat', 'multikg4rec'].includes(r.key));
  const sweep = parseSweep('lr=0.001,cfBatchSize=1024; lr=0.01,cfBatchSize=4096');
  return { datasets: ['tiny'], rows, seeds: [7, 8], epochs: 10, patience: 2, lr: 0.001, backend: 'cpu', out, sweep, sweepEpochs: 4 };
}

/** Writes a run's metrics.jsonl: one line per epoch (validation recall, seconds), then the test line when `finished`. */
function writeRun(dir: string, valid: number[], secondsPerEpoch: number, finished: boolean): void {
  mkdirSync(dir, { recursive: true });
  const epochs = valid.map((v, k) => JSON.stringify({ epoch: k + 1, seconds: { cf: secondsPerEpoch }, valid: { 'recall@20': v } }));
  const best = valid.indexOf(Math.max(...valid)) + 1;
  const tail = finished ? [JSON.stringify({ test: { 'recall@20': 0.3, 'ndcg@20': 0.2, 'mrr@20': 0.1 }, bestEpoch: best })] : [];
  writeFileSync(join(dir, 'metrics.jsonl'), `${[...epochs, ...tail].join('\n')}\n`);
  if (finished) writeFileSync(join(dir, 'test-users.tsv'), 'user\trecall@20\n0\t0.3\n1\t0.3\n');
}

describe('pnpm results with a sweep', () => {
  it('parses settings, and names a malformed one', () => {
    expect(parseSweep('lr=0.001,cfBatchSize=1024;lr=0.01')).toEqual([
      { key: 'lr-0.001_cfBatchSize-1024', sets: ['lr=0.001', 'cfBatchSize=1024'] },
      { key: 'lr-0.01', sets: ['lr=0.01'] },
    ]);
    expect(parseSweep('')).toEqual([]);
    expect(parseSweep('default')).toHaveLength(3);
    expect(() => parseSweep('lr=0.001,batch')).toThrow("--sweep: expected key=value assignments, got 'batch' in 'lr=0.001,batch'");
  });

  it('sweeps every row on the first seed, then gives each row the setting with the best validation recall', () => {
    const p = protocol();
    const sweep = planSweep(p);
    expect(sweep.map((r) => r.dir.slice(p.out.length))).toEqual([
      '/tiny/kgat/sweep/lr-0.001_cfBatchSize-1024',
      '/tiny/kgat/sweep/lr-0.01_cfBatchSize-4096',
      '/tiny/multikg4rec/sweep/lr-0.001_cfBatchSize-1024',
      '/tiny/multikg4rec/sweep/lr-0.01_cfBatchSize-4096',
    ]);
    const first = (sweep[1]?.args ?? []).join(' ');
    expect(first).toContain('--epochs 4 --model kgat --set lr=0.01 --set cfBatchSize=4096 --set patience=2');
    expect(first).toContain('--set seed=7');
    // KGAT: the larger lr wins on validation; Multi-KG4Rec: one setting still running.
    writeRun(sweep[0]?.dir as string, [0.1, 0.2, 0.21, 0.2], 10, true);
    writeRun(sweep[1]?.dir as string, [0.15, 0.25, 0.24], 3, true);
    writeRun(sweep[2]?.dir as string, [0.1, 0.3], 20, true);
    writeRun(sweep[3]?.dir as string, [0.2], 6, false);
    const sweeps = rowSweeps(sweep);
    expect(sweeps.map((s) => s.chosen?.key)).toEqual(['lr-0.01_cfBatchSize-4096', undefined]);
    const runs = planRuns(p, chosenSettings(sweeps));
    const kgat = runs.filter((r) => r.row.key === 'kgat');
    expect(kgat.map((r) => r.args?.includes('cfBatchSize=4096'))).toEqual([true, true]);
    expect(runs.filter((r) => r.row.key === 'multikg4rec').every((r) => r.args === undefined && argumentsFor(r) === undefined)).toBe(true);
  });

  it('settles a setting whose run stopped on a NaN loss: it loses, and is not rerun', () => {
    const p = protocol();
    const sweep = planSweep(p);
    writeRun(sweep[0]?.dir as string, [0.1, 0.2], 10, true);
    writeRun(sweep[1]?.dir as string, [0.3], 4, false);
    const file = join(sweep[1]?.dir as string, 'metrics.jsonl');
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ stopped: 'epoch 2, CF step 3 of 9: the loss is NaN' })}\n`);
    const [kgat] = rowSweeps(sweep);
    expect(kgat?.chosen?.key).toBe('lr-0.001_cfBatchSize-1024');
    expect(kgat?.tried[1]).toMatchObject({ finished: true, stopped: 'epoch 2, CF step 3 of 9: the loss is NaN', bestValid: 0.3 });
    expect(argumentsFor(sweep[1] as (typeof sweep)[number])).toBeUndefined();
    expect(estimateRuns(sweep)[1]).toMatchObject({ finished: true, leftAtCap: 0, whole: 4 });
  });

  it('plans what is left from measured epoch times, and writes the sweep and the chosen settings into its own section', () => {
    const p = protocol();
    const sweep = planSweep(p);
    writeRun(sweep[0]?.dir as string, [0.1, 0.2], 10, true);
    writeRun(sweep[1]?.dir as string, [0.3, 0.2], 4, true);
    const runs = planRuns(p, chosenSettings(rowSweeps(sweep)));
    const [kgat7, kgat8] = runs.filter((r) => r.row.key === 'kgat');
    writeRun(kgat7?.dir as string, [0.2, 0.3, 0.3, 0.3], 5, true);
    writeRun(kgat8?.dir as string, [0.2], 6, false);
    const estimates = estimateRuns([...sweep, ...runs]);
    const of = (dir: string | undefined) => estimates.find((e) => e.run.dir === dir);
    // Its own epochs (6 s) × the 3 epochs left of the 4 its row's finished run took; at the cap, 9 left.
    expect(of(kgat8?.dir)).toMatchObject({ epochsDone: 1, epochSeconds: 6, leftExpected: 18, leftAtCap: 54, whole: 24 });
    // Multi-KG4Rec's sweep has not started: nothing of its row or model measured.
    expect(of(sweep[2]?.dir)).toMatchObject({ epochsDone: 0, leftAtCap: 0 });
    expect(of(sweep[2]?.dir)?.epochSeconds).toBeUndefined();
    const lines = planLines(estimates, 2);
    expect(lines).toContain('| main | tiny | KGAT | 1/2 | 5 | 5.5 | 0.0 | 0.0 |');
    expect(lines.find((l) => l.startsWith('left:'))).toMatch(
      /^left: 5 of 8 runs; .*\(4 runs not measured yet, counted as 0\); 2 runs wait for their row's sweep$/,
    );
    const doc = join(p.out, 'results.md');
    writeFileSync(doc, '# Results\n');
    writeResultsSection(doc, resultsSection(p, runs, 'Measured here', rowSweeps(sweep)), sectionMarkers(p));
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain(SWEPT_BEGIN);
    expect(text).toContain(SWEPT_END);
    expect(text).toContain('a sweep of (lr=0.001, cfBatchSize=1024), (lr=0.01, cfBatchSize=4096) on seed 7, at most 4 epochs each');
    expect(text).toContain('| KGAT | lr=0.01, cfBatchSize=4096 | 0.3000 | 0.2000 | 0.1000 | 2.0 | 4.0 | 1/1 | 20.0 | 1/2 |');
    expect(text).toContain('| Multi-KG4Rec | not chosen yet | — |');
    expect(text).toContain('| KGAT | lr=0.01, cfBatchSize=4096 | 0.3000 (1) | 2 | yes |');
    expect(text).toContain('| Multi-KG4Rec | lr=0.001, cfBatchSize=1024 | — (not started) | 0 | sweep not finished |');
  });
  it("trains a Multi-KG4Rec variant with the full model's chosen setting, and sweeps it alone when the full model is not run", () => {
    const p = protocol();
    const variants = RESULT_ROWS.filter((r) => ['multikg4rec', 'multikg4rec-hash', 'multikg4rec-wo-v'].includes(r.key));
    const withVariants = { ...p, rows: [...p.rows, ...variants.slice(1)] };
    const sweep = planSweep(withVariants);
    expect(new Set(sweep.map((r) => r.row.key))).toEqual(new Set(['kgat', 'multikg4rec']));
    writeRun(sweep[2]?.dir as string, [0.1, 0.3], 20, true);
    writeRun(sweep[3]?.dir as string, [0.2, 0.25], 6, true);
    const runs = planRuns(withVariants, chosenSettings(rowSweeps(sweep)));
    const ofRow = (key: string) => runs.filter((r) => r.row.key === key).map((r) => r.setting?.key);
    expect(ofRow('multikg4rec-hash')).toEqual(['lr-0.001_cfBatchSize-1024', 'lr-0.001_cfBatchSize-1024']);
    expect(ofRow('multikg4rec-wo-v')).toEqual(ofRow('multikg4rec'));
    expect(ofRow('kgat')).toEqual([undefined, undefined]);
    const text = resultsSection(withVariants, runs, 'Measured here', rowSweeps(sweep));
    expect(text).toContain(
      'Multi-KG4Rec, hash features, Multi-KG4Rec w/o v train with the setting chosen for Multi-KG4Rec (variants of one model',
    );
    const alone = planSweep({ ...p, rows: variants.slice(1) });
    expect(alone.map((r) => r.dir.slice(p.out.length))).toEqual([
      '/tiny/multikg4rec-hash/sweep/lr-0.001_cfBatchSize-1024',
      '/tiny/multikg4rec-hash/sweep/lr-0.01_cfBatchSize-4096',
      '/tiny/multikg4rec-wo-v/sweep/lr-0.001_cfBatchSize-1024',
      '/tiny/multikg4rec-wo-v/sweep/lr-0.01_cfBatchSize-4096',
    ]);
  });
});
