/**
 * What `pnpm results` trains: every (dataset, row, seed) as one `kg4rec train` run with a random
 * 8:1:1 split (the seed picks the split and the model's initialisation), validation Recall@20
 * after every epoch for model selection and early stopping, the test split scored once.
 */
import { join } from 'node:path';

/** One row of a results table: a model, or a Multi-KG4Rec variant. */
export interface ResultRow {
  /** Folder name under the dataset's folder. */
  key: string;
  /** As printed in the table. */
  label: string;
  model: string;
  /** Extra `--set` assignments. */
  sets: string[];
}

export const RESULT_ROWS: readonly ResultRow[] = [
  { key: 'bprmf', label: 'BPRMF', model: 'bprmf', sets: [] },
  { key: 'cke', label: 'CKE', model: 'cke', sets: [] },
  { key: 'kgat', label: 'KGAT', model: 'kgat', sets: [] },
  { key: 'mkgat', label: 'MKGAT-style (ours)', model: 'mkgat', sets: [] },
  { key: 'multikg4rec', label: 'Multi-KG4Rec', model: 'multikg4rec', sets: [] },
  { key: 'multikg4rec-hash', label: 'Multi-KG4Rec, hash features', model: 'multikg4rec', sets: ['features.encoder=hash'] },
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
  })),
];

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
}

/** One training run of the plan. */
export interface PlannedRun {
  dataset: string;
  row: ResultRow;
  seed: number;
  dir: string;
  /** Arguments after `kg4rec`. */
  args: string[];
}

/**
 * Every run of the protocol, dataset by dataset, then seed by seed, then row by row: a protocol
 * stopped early has every row for its first seeds rather than some rows for every seed.
 */
export function planRuns(protocol: ResultsProtocol): PlannedRun[] {
  const { datasets, rows, seeds, epochs, patience, lr, backend, out, coldItems = 0 } = protocol;
  return datasets.flatMap((dataset) =>
    seeds.flatMap((seed) =>
      rows.map((row) => {
        const dir = join(out, dataset, row.key, `seed-${seed}`);
        const sets = [
          `lr=${lr}`,
          `patience=${patience}`,
          'evalEvery=1',
          'ks=[20]',
          `seed=${seed}`,
          `model.options.seed=${seed}`,
          ...(coldItems > 0 ? [`coldItems=${coldItems}`] : []),
          ...row.sets,
        ];
        const args = [
          'train',
          ...['--dataset', dataset, '--split', 'ratio', '--backend', backend, '--epochs', String(epochs), '--model', row.model],
          ...sets.flatMap((s) => ['--set', s]),
          ...['--out', dir],
        ];
        return { dataset, row, seed, dir, args };
      }),
    ),
  );
}
