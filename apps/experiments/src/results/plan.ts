/**
 * What `pnpm results` trains: every (dataset, row, seed) as one `kg4rec train` run with a random
 * 8:1:1 split (the seed picks the split and the model's initialisation), validation Recall@20
 * after every epoch for model selection and early stopping, the test split scored once. With a
 * sweep, each (dataset, row) first trains once per setting (learning rate, batch sizes) on the
 * first seed, and its runs use the setting with the best validation Recall@20 (`choose.ts`).
 */
import { join } from 'node:path';
import { Kg4recError } from '@kg4rec/core';

/** One row of a results table: a model, or a Multi-KG4Rec variant. */
export interface ResultRow {
  /** Folder name under the dataset's folder. */
  key: string;
  /** As printed in the table. */
  label: string;
  model: string;
  /** Extra `--set` assignments. */
  sets: string[];
  /**
   * Key of the row whose sweep this row's runs take their setting from (a variant trains with the
   * full model's setting, as the paper's ablations do); it sweeps itself when that row is not run.
   */
  settingOf?: string;
}

export const RESULT_ROWS: readonly ResultRow[] = [
  { key: 'bprmf', label: 'BPRMF', model: 'bprmf', sets: [] },
  { key: 'cke', label: 'CKE', model: 'cke', sets: [] },
  { key: 'kgat', label: 'KGAT', model: 'kgat', sets: [] },
  { key: 'mkgat', label: 'MKGAT-style (ours)', model: 'mkgat', sets: [] },
  { key: 'multikg4rec', label: 'Multi-KG4Rec', model: 'multikg4rec', sets: [] },
  {
    key: 'multikg4rec-hash',
    label: 'Multi-KG4Rec, hash features',
    model: 'multikg4rec',
    sets: ['features.encoder=hash'],
    settingOf: 'multikg4rec',
  },
  ...(
    [
      ['wo-tv', 'w/o t&v'],
      ['wo-v', 'w/o v'],
      ['wo-t', 'w/o t'],
      ['t2v', 't2v'],
      ['v2t', 'v2t'],
    ] as const
  ).map(([key, variant]) => ({
    key: `multikg4rec-${key}`,
    label: `Multi-KG4Rec ${variant}`,
    model: 'multikg4rec',
    sets: [`model.options.variant=${variant}`],
    settingOf: 'multikg4rec',
  })),
];

/** One setting of a sweep: its folder name and the `--set` assignments it makes. */
export interface Setting {
  key: string;
  sets: string[];
}

/**
 * The sweep `--sweep default` runs: KGAT's own (lr 1e-3, batches 1024 / 2048), and batches four
 * times larger at two larger learning rates (a quarter of the steps per epoch, each as costly).
 */
export const DEFAULT_SWEEP =
  'lr=0.001,cfBatchSize=1024,kgBatchSize=2048;lr=0.005,cfBatchSize=4096,kgBatchSize=8192;lr=0.01,cfBatchSize=4096,kgBatchSize=8192';

/** Settings from `a=1,b=2;a=3,b=4` (`default`: {@link DEFAULT_SWEEP}; empty: none). */
export function parseSweep(text: string): Setting[] {
  const spec = text === 'default' ? DEFAULT_SWEEP : text;
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const sets = s.split(',').map((a) => a.trim());
      const bad = sets.find((a) => !/^[A-Za-z][\w.]*=[^=]+$/.test(a));
      if (bad !== undefined) throw new Kg4recError('INVALID_ARGUMENT', `--sweep: expected key=value assignments, got '${bad}' in '${s}'`);
      return { key: sets.map((a) => a.replace('=', '-')).join('_'), sets };
    });
}

/** The protocol's settings. */
export interface ResultsProtocol {
  datasets: string[];
  rows: ResultRow[];
  seeds: number[];
  /** Most epochs per run (early stopping may end it sooner). */
  epochs: number;
  patience: number;
  lr: number;
  backend: string;
  /** Share of items held out of training as cold-start items (0 or absent: none). */
  coldItems?: number;
  /** Root folder of the runs: `<out>/<dataset>/<row key>/seed-<seed>`. */
  out: string;
  /** Settings tried on the first seed before the runs (`<out>/<dataset>/<row key>/sweep/<setting>`); none: every run uses `lr`. */
  sweep?: Setting[];
  /** Most epochs of a sweep run. */
  sweepEpochs?: number;
}

/** One training run of the plan. */
export interface PlannedRun {
  dataset: string;
  row: ResultRow;
  seed: number;
  dir: string;
  /** Arguments after `kg4rec`; absent while the row's sweep has not chosen its setting. */
  args?: string[];
  /** `sweep`: a run of the sweep; `main`: a run of the table. */
  phase: 'sweep' | 'main';
  /** The setting it trains with (a sweep's, or the one chosen for its row). */
  setting?: Setting;
  /** Most epochs. */
  epochs: number;
}

/** The `(dataset, row)` key of the chosen settings. */
export const rowId = (dataset: string, row: ResultRow) => `${dataset}/${row.key}`;

interface RunSpec {
  dataset: string;
  row: ResultRow;
  seed: number;
  epochs: number;
  setting: string[];
  dir: string;
}

/** `kg4rec train` arguments of one run. */
function trainArguments(protocol: ResultsProtocol, spec: RunSpec): string[] {
  const { patience, backend, coldItems = 0 } = protocol;
  const sets = [
    ...spec.setting,
    `patience=${patience}`,
    'evalEvery=1',
    'ks=[20]',
    `seed=${spec.seed}`,
    `model.options.seed=${spec.seed}`,
    ...(coldItems > 0 ? [`coldItems=${coldItems}`] : []),
    ...spec.row.sets,
  ];
  return [
    'train',
    ...['--dataset', spec.dataset, '--split', 'ratio', '--backend', backend, '--epochs', String(spec.epochs), '--model', spec.row.model],
    ...sets.flatMap((s) => ['--set', s]),
    ...['--out', spec.dir],
  ];
}

/** The row whose sweep chooses `row`'s setting among `rows`: its {@link ResultRow.settingOf} when run, else itself. */
export function settingRow(row: ResultRow, rows: readonly ResultRow[]): ResultRow {
  return rows.find((r) => r.key === row.settingOf) ?? row;
}

/** The sweep's runs: every (dataset, swept row, setting) on the first seed; none without a sweep. */
export function planSweep(protocol: ResultsProtocol): PlannedRun[] {
  const { datasets, rows, seeds, out, sweep = [] } = protocol;
  const seed = seeds[0] as number;
  const epochs = protocol.sweepEpochs ?? protocol.epochs;
  const swept = rows.filter((row) => settingRow(row, rows) === row);
  return datasets.flatMap((dataset) =>
    swept.flatMap((row) =>
      sweep.map((setting) => {
        const dir = join(out, dataset, row.key, 'sweep', setting.key);
        const args = trainArguments(protocol, { dataset, row, seed, epochs, setting: setting.sets, dir });
        return { dataset, row, seed, dir, args, phase: 'sweep' as const, setting, epochs };
      }),
    ),
  );
}

/**
 * Every run of the protocol, dataset by dataset, then seed by seed, then row by row: a protocol
 * stopped early has every row for its first seeds rather than some rows for every seed. With a
 * sweep, a row's runs use `chosen`'s setting for its {@link settingRow}, and have no arguments
 * until it is chosen.
 */
export function planRuns(protocol: ResultsProtocol, chosen: ReadonlyMap<string, Setting> = new Map()): PlannedRun[] {
  const { datasets, rows, seeds, epochs, lr, out } = protocol;
  const swept = (protocol.sweep ?? []).length > 0;
  return datasets.flatMap((dataset) =>
    seeds.flatMap((seed) =>
      rows.map((row) => {
        const dir = join(out, dataset, row.key, `seed-${seed}`);
        const setting = swept ? chosen.get(rowId(dataset, settingRow(row, rows))) : { key: `lr-${lr}`, sets: [`lr=${lr}`] };
        const run: PlannedRun = { dataset, row, seed, dir, phase: 'main', epochs, ...(setting ? { setting } : {}) };
        return setting ? { ...run, args: trainArguments(protocol, { dataset, row, seed, epochs, setting: setting.sets, dir }) } : run;
      }),
    ),
  );
}
