import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFinishedRun } from './collect';
import { planRuns, RESULT_ROWS, type ResultsProtocol } from './plan';
import { BEGIN, COLD_BEGIN, COLD_END, END, resultsSection, sectionMarkers, writeResultsSection } from './report';
import { argumentsFor, runAll } from './runner';
import { meanStd } from './table';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function protocol(out: string): ResultsProtocol {
  const rows = RESULT_ROWS.filter((r) => ['kgat', 'multikg4rec', 'multikg4rec-wo-v'].includes(r.key));
  return { datasets: ['tiny'], rows, seeds: [1, 2], epochs: 3, patience: 2, lr: 0.01, backend: 'cpu', out };
}

/** Writes what `kg4rec train` leaves behind: metrics.jsonl and test-users.tsv. */
function fakeRun(dir: string, recall: number[], seconds: number): void {
  mkdirSync(dir, { recursive: true });
  const mean = recall.reduce((a, b) => a + b, 0) / recall.length;
  const epoch = JSON.stringify({ epoch: 1, seconds: { cf: seconds, kg: 0 } });
  writeFileSync(join(dir, 'metrics.jsonl'), `${epoch}\n${JSON.stringify({ test: { 'recall@20': mean }, bestEpoch: 1 })}\n`);
  writeFileSync(join(dir, 'test-users.tsv'), `user\trecall@20\n${recall.map((r, u) => `${u}\t${r}`).join('\n')}\n`);
}

describe('pnpm results', () => {
  it('plans one train run per dataset, row and seed, with the variant and seeds set', () => {
    const runs = planRuns(protocol('/o'));
    expect(runs.map((r) => r.dir)).toEqual([
      '/o/tiny/kgat/seed-1',
      '/o/tiny/multikg4rec/seed-1',
      '/o/tiny/multikg4rec-wo-v/seed-1',
      '/o/tiny/kgat/seed-2',
      '/o/tiny/multikg4rec/seed-2',
      '/o/tiny/multikg4rec-wo-v/seed-2',
    ]);
    const args = (runs[5]?.args ?? []).join(' ');
    expect(args).toContain('--dataset tiny --split ratio --backend cpu --epochs 3 --model multikg4rec');
    expect(args).toContain(
      '--set seed=2 --set model.options.seed=2 --set model.options.variant=w/o v --out /o/tiny/multikg4rec-wo-v/seed-2',
    );
  });

  it('skips finished runs, resumes killed ones, and reports failures after running the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kg4rec-results-'));
    dirs.push(out);
    const runs = planRuns(protocol(out));
    const [finished, killed] = [runs[0], runs[3]] as [(typeof runs)[number], (typeof runs)[number]];
    fakeRun(finished.dir, [0.5], 1);
    mkdirSync(join(killed.dir, 'checkpoints'), { recursive: true });
    expect(argumentsFor(finished)).toBeUndefined();
    expect(argumentsFor(killed)).toEqual(['train', '--resume', '--out', killed.dir]);
    const launched: string[][] = [];
    const lines: string[] = [];
    const run = runAll(
      runs,
      2,
      async (r, args) => {
        launched.push(args);
        return r.row.key === 'multikg4rec-wo-v' && r.seed === 2 ? 3 : 0;
      },
      (line) => lines.push(line),
    );
    await expect(run).rejects.toThrow('1 run(s) failed');
    expect(launched).toHaveLength(5);
    expect(lines[0]).toBe('1 of 6 runs already finished; 5 to run, 2 at a time');
  });

  it('writes mean ± std tables and the paired test of Multi-KG4Rec against KGAT between the markers', () => {
    const out = mkdtempSync(join(tmpdir(), 'kg4rec-results-'));
    dirs.push(out);
    const p = protocol(out);
    const runs = planRuns(p);
    const dir = (key: string, seed: number) => runs.find((r) => r.row.key === key && r.seed === seed)?.dir as string;
    fakeRun(dir('kgat', 1), [0.1, 0.2, 0.3, 0.4], 10);
    fakeRun(dir('kgat', 2), [0.2, 0.2, 0.2, 0.2], 20);
    fakeRun(dir('multikg4rec', 1), [0.2, 0.3, 0.5, 0.5], 30);
    fakeRun(dir('multikg4rec', 2), [0.3, 0.2, 0.4, 0.3], 50);
    expect(readFinishedRun(dir('kgat', 1))).toEqual({ test: { 'recall@20': 0.25 }, bestEpoch: 1, epochsRun: 1, seconds: 10 });
    const doc = join(out, 'results.md');
    writeFileSync(doc, `# Results\n\nprose before\n\n${BEGIN}\nold tables\n${END}\n\nprose after\n`);
    writeResultsSection(doc, resultsSection(p, runs, 'Measured here'));
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain('prose before');
    expect(text).toContain('prose after');
    expect(text).not.toContain('old tables');
    expect(text).toContain(`| KGAT | ${meanStd([0.25, 0.2])} |`);
    expect(text).toContain('| Multi-KG4Rec | 0.3375 ± 0.0530 |');
    expect(text).toContain('| Multi-KG4Rec w/o v | — | — | — | — | — | — | 0/2 |');
    expect(text).toContain('- seed 1: Δ +0.1250 over 4 users');
    // d = [.1 .1 .2 .1 | .1 0 .2 .1]: mean 0.1125, sd 0.0641, t = 0.1125 / (0.0641 / √8) = 4.97.
    expect(text).toContain('- pooled over 8 (seed, user) pairs: Δ +0.1125, paired t = 4.97 (df 7), p = 0.0016');
  });

  it('with cold-start items: sets coldItems on every run and writes cold columns into their own section', () => {
    const out = mkdtempSync(join(tmpdir(), 'kg4rec-results-'));
    dirs.push(out);
    const p = { ...protocol(out), coldItems: 0.1 };
    const runs = planRuns(p);
    expect(runs.every((r) => r.args?.includes('coldItems=0.1'))).toBe(true);
    const run = runs.find((r) => r.row.key === 'kgat' && r.seed === 1) as (typeof runs)[number];
    mkdirSync(run.dir, { recursive: true });
    const tail = {
      test: { 'recall@20': 0.2, 'ndcg@20': 0.1, 'mrr@20': 0.3 },
      coldTest: { 'recall@20': 0.05, 'ndcg@20': 0.02 },
      bestEpoch: 1,
    };
    writeFileSync(join(run.dir, 'metrics.jsonl'), `${JSON.stringify({ epoch: 1, seconds: { cf: 3 } })}\n${JSON.stringify(tail)}\n`);
    const doc = join(out, 'results.md');
    writeFileSync(doc, `# Results\n\n${BEGIN}\nwarm tables\n${END}\n`);
    writeResultsSection(doc, resultsSection(p, runs, 'Measured here'), sectionMarkers(p));
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain('warm tables');
    expect(text.indexOf(COLD_BEGIN)).toBeGreaterThan(text.indexOf(END));
    expect(text).toContain(COLD_END);
    expect(text).toContain('| model | Recall@20 | NDCG@20 | MRR@20 | cold Recall@20 | cold NDCG@20 | best epoch |');
    expect(text).toContain('| KGAT | 0.2000 | 0.1000 | 0.3000 | 0.0500 | 0.0200 | 1.0 | 1.0 | 3.0 | 1/2 |');
    expect(text).toContain('10% of the items (seeded) are held out of training entirely');
  });
});
