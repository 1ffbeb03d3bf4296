/**
 * `kg4rec features list|import`: the feature store's tables, and precomputed features (from CLIP
 * in Python, or any model) brought into it so that models read them like encoded ones.
 */
import { Kg4recError } from '@kg4rec/core';
import { defaultFeatureRoot, type FeatureFileFormat, importFeatureTable, listFeatureTables, type Modality } from '@kg4rec/encoders';
import { loadSource } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';

/** Options of {@link featuresImportCommand}. */
export interface FeaturesImportOptions {
  dataset: string;
  modality: Modality;
  file: string;
  idsFile?: string;
  format?: FeatureFileFormat;
  keys: 'item' | 'entity';
  name?: string;
  features?: string;
}

/** `kg4rec features import`: returns the exit code. */
export async function featuresImportCommand(options: FeaturesImportOptions, io: Output): Promise<number> {
  if (options.modality !== 'text' && options.modality !== 'image')
    throw new Kg4recError('INVALID_ARGUMENT', `--modality must be text or image, got '${options.modality}'`);
  if (options.keys !== 'item' && options.keys !== 'entity')
    throw new Kg4recError('INVALID_ARGUMENT', `--keys must be item or entity, got '${options.keys}'`);
  const dataset = await loadSource(options.dataset, undefined, 'lenient');
  const summary = importFeatureTable({
    dataset,
    modality: options.modality,
    file: options.file,
    keys: options.keys,
    ...(options.idsFile ? { idsFile: options.idsFile } : {}),
    ...(options.format ? { format: options.format } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.features ? { root: options.features } : {}),
  });
  io.out(`${options.modality}: ${summary.rows} rows of ${summary.dim} imported as ${summary.encoder}`);
  io.out(`  table: ${summary.dir}`);
  io.out(
    summary.unknown.length === 0
      ? '  every id is in the dataset'
      : `  ${summary.unknown.length} id(s) not in ${dataset.name}, left out (listed in skipped.tsv)`,
  );
  return 0;
}

/** `kg4rec features list`: one line per table under the feature root. */
export async function featuresListCommand(options: { features?: string }, io: Output): Promise<number> {
  const root = options.features ?? defaultFeatureRoot();
  const tables = listFeatureTables(root);
  if (tables.length === 0) {
    io.out(`no feature tables under ${root}`);
    return 0;
  }
  io.out('| dataset | modality | encoder | rows | dim | skipped | missing |');
  io.out('|---|---|---|---:|---:|---:|---:|');
  for (const meta of tables)
    io.out(`| ${meta.dataset} | ${meta.modality} | ${meta.encoder} | ${meta.rows} | ${meta.dim} | ${meta.skipped} | ${meta.missing} |`);
  return 0;
}

/** `kg4rec features list|import`. */
export const features: Command = {
  name: 'features',
  usage: () => `  features list [--features <dir>]
                       The feature store's tables: dataset, modality, encoder, rows, dim.
  features import --dataset <preset|path> --modality text|image --file <f.npy|.csv|.tsv|.jsonl>
                  [--ids ids.txt] [--keys item|entity] [--name N] [--features <dir>]
                       Bring precomputed features (e.g. CLIP run in Python) into the store,
                       keyed by item (or entity) tokens; .npy needs --ids (one per line).`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      dataset: { type: 'string' },
      modality: { type: 'string' },
      file: { type: 'string' },
      ids: { type: 'string' },
      format: { type: 'string' },
      keys: { type: 'string', default: 'item' },
      name: { type: 'string' },
      features: { type: 'string' },
    });
    const sub = positionals[0];
    const root = values.features ? { features: values.features } : {};
    if (sub === 'list') return featuresListCommand(root, io);
    if (sub !== 'import') throw new Kg4recError('INVALID_ARGUMENT', `features: expected 'list' or 'import', got '${sub ?? ''}'`);
    if (!values.dataset || !values.modality || !values.file)
      throw new Kg4recError('INVALID_ARGUMENT', 'features import needs --dataset, --modality and --file');
    return featuresImportCommand(
      {
        dataset: values.dataset,
        modality: values.modality as Modality,
        file: values.file,
        keys: (values.keys ?? 'item') as 'item' | 'entity',
        ...(values.ids ? { idsFile: values.ids } : {}),
        ...(values.format ? { format: values.format as FeatureFileFormat } : {}),
        ...(values.name ? { name: values.name } : {}),
        ...root,
      },
      io,
    );
  },
};
