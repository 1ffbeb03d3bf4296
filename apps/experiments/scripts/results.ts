/**
 * Regenerates the multimodal results of docs/results.md: every row of `RESULT_ROWS` (BPRMF, CKE,
 * KGAT, the MKGAT-style baseline, Multi-KG4Rec and its five variants) on each dataset, over
 * several seeds, each a `kg4rec train` run into `<out>/<dataset>/<row>/seed-<seed>/` (finished
 * runs are kept, killed ones resume); then the tables and the paired test of Multi-KG4Rec against
 * KGAT are written between the markers of docs/results.md.
 *
 *   pnpm results                                   # the full protocol (days on 2 cores)
 *   pnpm results --datasets movielens-100k --epochs 5 --jobs 2
 *   pnpm results --report-only                  # rewrite the tables from finished runs
 *   pnpm results --cold-items 0.1 --out runs/cold-start   # hold 10% of items out: the cold-start table
 *   pnpm results --sweep default --out runs/converged --plan   # what is left of a protocol, and its hours
 *
 * With `--sweep`, each row first trains once per setting on the first seed (`--sweep-epochs` at
 * most), and its runs use the setting with the best validation Recall@20.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { chosenSettings, rowSweeps } from '../src/results/choose';
import { estimateRuns, planLines } from '../src/results/estimate';
import { parseSweep, planRuns, planSweep, RESULT_ROWS, type ResultsProtocol } from '../src/results/plan';
import { resultsSection, sectionMarkers, writeResultsSection } from '../src/results/report';
import { launchWithPnpm, runAll } from '../src/results/runner';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'movielens-100k,movielens-1m-kgat' },
    rows: { type: 'string', default: RESULT_ROWS.map((r) => r.key).join(',') },
    seeds: { type: 'string', default: '2025,2026,2027' },
    epochs: { type: 'string', default: '30' },
    patience: { type: 'string', default: '5' },
    lr: { type: 'string', default: '0.001' },
    backend: { type: 'string', default: 'wasm' },
    jobs: { type: 'string', default: '1' },
    'cold-items': { type: 'string', default: '0' },
    out: { type: 'string', default: 'runs/results' },
    doc: { type: 'string', default: 'docs/results.md' },
    'report-only': { type: 'boolean', default: false },
    sweep: { type: 'string', default: '' },
    'sweep-epochs': { type: 'string', default: '10' },
    plan: { type: 'boolean', default: false },
  },
  strict: true,
});
const list = (text: string) => text.split(',').filter((s) => s.length > 0);
const rowKeys = list(values.rows);
const unknown = rowKeys.filter((key) => !RESULT_ROWS.some((r) => r.key === key));
if (unknown.length > 0) throw new Error(`--rows: unknown ${unknown.join(', ')}; known: ${RESULT_ROWS.map((r) => r.key).join(', ')}`);

const protocol: ResultsProtocol = {
  datasets: list(values.datasets),
  rows: RESULT_ROWS.filter((r) => rowKeys.includes(r.key)),
  seeds: list(values.seeds).map(Number),
  epochs: Number(values.epochs),
  patience: Number(values.patience),
  lr: Number(values.lr),
  backend: values.backend,
  coldItems: Number(values['cold-items']),
  out: values.out,
  sweep: parseSweep(values.sweep),
  sweepEpochs: Number(values['sweep-epochs']),
};
const jobs = Number(values.jobs);
const log = (line: string) => console.log(line);
const sweepRuns = planSweep(protocol);
const mainRuns = () => planRuns(protocol, chosenSettings(rowSweeps(sweepRuns)));
if (values.plan) {
  for (const line of planLines(estimateRuns([...sweepRuns, ...mainRuns()]), jobs)) log(line);
  process.exit(0);
}
if (!values['report-only']) {
  if (sweepRuns.length > 0) await runAll(sweepRuns, jobs, launchWithPnpm, log);
  await runAll(mainRuns(), jobs, launchWithPnpm, log);
}
const machine = `${cpus().length}-core ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const section = resultsSection(protocol, mainRuns(), `Measured on a ${machine}`, rowSweeps(sweepRuns));
writeResultsSection(values.doc, section, sectionMarkers(protocol));
console.log(`wrote ${values.doc}`);
