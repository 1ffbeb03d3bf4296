import { Kg4recError } from '@kg4rec/core';
import { type DatasetStats, datasetPresets, inspectDataset, loadDataset, loadPath, type Strictness } from '@kg4rec/kg';
import type { Output } from '../io';

/** Options of {@link dataInspectCommand}. */
export interface DataInspectOptions {
  /** A preset name (`movielens-100k`, …) or a dataset folder. */
  source: string;
  /** A format name for a folder; sniffed when absent. */
  format?: string;
  strictness: Strictness;
  /** Print the statistics as JSON instead of a table. */
  json: boolean;
}

/** `kg4rec data inspect <preset|path>`: loads a dataset and prints the statistics a user checks first. */
export async function dataInspectCommand(options: DataInspectOptions, io: Output): Promise<number> {
  const started = performance.now();
  const dataset = datasetPresets.has(options.source)
    ? await loadDataset(options.source, { strictness: options.strictness })
    : await loadPathOrExplain(options);
  const stats = inspectDataset(dataset);
  if (options.json) io.out(JSON.stringify(stats, null, 2));
  else for (const line of formatStats(stats)) io.out(line);
  io.err(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

async function loadPathOrExplain(options: DataInspectOptions) {
  try {
    return await loadPath(options.source, { ...(options.format ? { format: options.format } : {}), strictness: options.strictness });
  } catch (error) {
    if (error instanceof Kg4recError && error.code === 'IO_ERROR' && error.message.endsWith('or a preset name)')) {
      throw new Kg4recError('IO_ERROR', `${error.message}; presets: ${datasetPresets.list().join(', ')}`, { cause: error });
    }
    throw error;
  }
}

const number = (value: number) => value.toLocaleString('en-US');

/** The statistics as `| what | value |` table lines. */
export function formatStats(stats: DatasetStats): string[] {
  const rows: Array<[string, string]> = [
    ['dataset', stats.name],
    ['users', number(stats.users)],
    ['items', number(stats.items)],
    ['interactions', number(stats.interactions)],
    ['density', stats.density.toPrecision(3)],
    ['entities', number(stats.entities)],
    ['relations', number(stats.relations)],
    ['triples', number(stats.triples)],
    ['items linked to an entity', number(stats.linkedItems)],
    ['items without KG neighbours', number(stats.itemsWithoutKgNeighbours)],
    ['items with a poster / a text', `${number(stats.itemsWithPoster)} / ${number(stats.itemsWithText)}`],
    ['users without training interactions', number(stats.usersWithoutTraining)],
  ];
  if (stats.givenSplit) {
    const { train, valid, test, trainUsers, testUsers } = stats.givenSplit;
    rows.push(['given split train / valid / test', `${number(train)} / ${number(valid)} / ${number(test)}`]);
    rows.push(['users in train / test', `${number(trainUsers)} / ${number(testUsers)}`]);
  }
  for (const [kind, count] of Object.entries(stats.dropped)) rows.push([`dropped: ${kind}`, number(count)]);
  return ['| what | value |', '|---|---:|', ...rows.map(([what, value]) => `| ${what} | ${value} |`)];
}
