/**
 * `kg4rec features list|import`: the feature store's tables, and precomputed features (from CLIP
 * in Python, or any model) brought into it so that models read them like encoded ones.
 */
import { Kg4recError } from '@kg4rec/core';
import { defaultFeatureRoot, type FeatureFileFormat, importFeatureTable, listFeatureTables, type Modality } from '@kg4rec/encoders';
import type { Output } from '../io';
import { loadSource } from './data';

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
