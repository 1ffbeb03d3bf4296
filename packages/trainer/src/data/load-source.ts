/** A dataset from a config's `dataset`: a preset by name, or a folder in the given or sniffed format. */
import { Kg4recError } from '@kg4rec/core';
import { type ColumnMapping, type Dataset, datasetPresets, loadDataset, loadPath, type Strictness } from '@kg4rec/kg';

/** A preset by name, or a dataset folder in the given or sniffed format. */
export async function loadSource(
  source: string,
  format: string | undefined,
  strictness: Strictness,
  columns?: Partial<ColumnMapping>,
): Promise<Dataset> {
  if (datasetPresets.has(source)) return loadDataset(source, { strictness });
  try {
    return await loadPath(source, { ...(format ? { format } : {}), strictness, ...(columns ? { columns } : {}) });
  } catch (error) {
    if (error instanceof Kg4recError && error.code === 'IO_ERROR' && error.message.endsWith('or a preset name)')) {
      throw new Kg4recError('IO_ERROR', `${error.message}; presets: ${datasetPresets.list().join(', ')}`, { cause: error });
    }
    throw error;
  }
}
