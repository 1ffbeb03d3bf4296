/** Checks, before a multimodal model allocates anything, that its context holds what it reads. */
import { type ContentKind, checkNodeFeatures, Kg4recError, type ModelContext } from '@kg4rec/core';

/**
 * An `INVALID_CONFIG` error unless `context.content` holds every kind in `needs`: features that
 * cover the graph's nodes and are not empty, sequences of every item.
 */
export function checkMultiKg4recContent(context: ModelContext, variant: string, needs: readonly ContentKind[], numNodes: number): void {
  for (const kind of needs) {
    if (kind === 'sequences') continue;
    const features = context.content?.[kind];
    if (!features)
      throw new Kg4recError(
        'INVALID_CONFIG',
        `multikg4rec variant '${variant}' needs ${kind} features (context.content.${kind}); encode them with kg4rec encode`,
      );
    checkNodeFeatures(features, numNodes, 'multikg4rec', kind);
    if (!features.has.includes(1)) {
      throw new Kg4recError(
        'INVALID_CONFIG',
        `multikg4rec: no node has ${kind} features (an empty feature table: were the dataset's ${kind === 'text' ? 'texts' : 'images'} found when it was encoded?)`,
      );
    }
  }
  const sequences = context.content?.sequences;
  if (needs.includes('sequences') && (!sequences || sequences.nodes.length !== context.numItems * sequences.length)) {
    throw new Kg4recError(
      'INVALID_CONFIG',
      `multikg4rec variant '${variant}' needs each item's neighbour sequence (context.content.sequences, ${context.numItems} × length)`,
    );
  }
}
