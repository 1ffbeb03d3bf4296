/**
 * A kg4rec plugin: registers the `gated` aggregator and `kgat-gated`, KGAT assembled with it,
 * so that a config can name either without touching kg4rec:
 *
 *   pnpm kg4rec train --plugin examples/custom-aggregator/src/plugin.ts --model kgat-gated …
 *   pnpm kg4rec train --plugin examples/custom-aggregator/src/plugin.ts --model kgat --set model.options.aggregator=gated …
 *
 * A plugin default-exports a function that receives kg4rec's registries.
 */
import { z } from '@kg4rec/core';
import type { Kg4recRegistries } from '@kg4rec/trainer';
import { GatedAggregator, type GatedOptions } from './gated-aggregator';

const GATED_OPTIONS = z
  .object({
    inputDim: z.number().int().min(1).describe('Layer input width; the propagation sets it.'),
    outputDim: z.number().int().min(1).describe('Layer output width; the propagation sets it.'),
    seed: z.number().int().describe('Initialisation seed; the propagation sets it per layer.'),
    alpha: z.number().min(0).describe('LeakyReLU slope. Default 0.01.'),
  })
  .strict();

/** Registers the aggregator and the model variant. */
export default function register({ aggregators, models }: Kg4recRegistries): void {
  aggregators.register({
    name: 'gated',
    description: 'σ-gated mix of a node and its neighbourhood, then a dense layer',
    create: (options) => new GatedAggregator(options as unknown as GatedOptions),
    defaults: { inputDim: 64, outputDim: 64, seed: 2025, alpha: 0.01 },
    schema: GATED_OPTIONS,
  });
  const kgat = models.get('kgat');
  models.register({
    ...kgat,
    name: 'kgat-gated',
    description: 'KGAT with the gated aggregator (the custom-aggregator example)',
    defaults: { ...kgat.defaults, aggregator: 'gated' },
  });
}
