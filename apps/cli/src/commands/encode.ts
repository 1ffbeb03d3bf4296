/**
 * `kg4rec encode`: a dataset's texts and images through an encoder (`clip` with a model folder, or
 * the weight-free `hash`) into the feature store, with a progress bar, resumable after a crash,
 * and a summary of what had no content and what could not be read.
 */
import { Kg4recError } from '@kg4rec/core';
import {
  createEncoder,
  type EncodeProgress,
  type Encoder,
  type EncodeSummary,
  encodeDataset,
  imageEncoders,
  type Modality,
  textEncoders,
} from '@kg4rec/encoders';
import type { Dataset } from '@kg4rec/kg';
import { chosenFeatureEncoder, loadSource } from '@kg4rec/trainer';
import { type Command, choices, parseCommandLine } from '../command';
import type { Output } from '../io';

/** Options of {@link encodeCommand}. */
export interface EncodeCommandOptions {
  dataset: string;
  format?: string;
  /** Encoder name in the registries (`pretrained`, `clip`, `hash`, …), or `auto`: `pretrained` where its models are here, else `hash`. */
  encoder: string;
  /** Model folder (CLIP). */
  model?: string;
  variant?: string;
  /** onnxruntime execution providers, comma-separated, or `auto`. */
  providers?: string;
  modality: Modality | 'both';
  batchSize: number;
  /** Feature root. Default: `$KG4REC_FEATURES` or `./features`. */
  features?: string;
  restart: boolean;
  strict: boolean;
}

const MODALITIES = ['text', 'image', 'both'] as const;
const WIDTH = 24;
const SHOWN_SKIPS = 10;

/** Renders one progress line of an encode. */
export function encodeProgressLine(modality: string, p: EncodeProgress): string {
  const filled = Math.round((WIDTH * p.done) / Math.max(1, p.total));
  const rate = p.seconds > 0 ? p.done / p.seconds : 0;
  const eta = rate > 0 ? (p.total - p.done) / rate : 0;
  return `encode ${modality}  [${'#'.repeat(filled)}${'·'.repeat(WIDTH - filled)}]  ${p.done}/${p.total}  ${rate.toFixed(1)} items/s  eta ${eta.toFixed(0)} s`;
}

/** Runs the command; returns the exit code. */
export async function encodeCommand(options: EncodeCommandOptions, io: Output): Promise<number> {
  if (!MODALITIES.includes(options.modality)) {
    throw new Kg4recError('INVALID_ARGUMENT', `--modality must be one of ${MODALITIES.join(', ')}, got '${options.modality}'`);
  }
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
    throw new Kg4recError('INVALID_ARGUMENT', `--batch-size must be a positive integer, got ${options.batchSize}`);
  const dataset = await loadSource(options.dataset, options.format, 'lenient');
  const name = chosenFeatureEncoder(options.encoder, (line) => io.err(line));
  const modalities: Modality[] = options.modality === 'both' ? ['text', 'image'] : [options.modality];
  for (const modality of modalities) {
    const encoder = await encoderFor(modality, { ...options, encoder: name });
    try {
      io.err(`encoding ${modality} of ${dataset.name} with encoder '${name}'`);
      const summary = await runEncode(dataset, encoder, modality, options, io);
      report(summary, modality, io);
    } finally {
      await encoder.dispose();
    }
  }
  return 0;
}

async function encoderFor(modality: Modality, options: EncodeCommandOptions): Promise<Encoder> {
  const providers = options.providers && options.providers !== 'auto' ? options.providers.split(',').map((p) => p.trim()) : undefined;
  const encoderOptions = {
    ...(options.model ? { model: options.model } : {}),
    ...(options.variant ? { variant: options.variant } : {}),
    ...(providers ? { providers } : {}),
  };
  return createEncoder(modality, options.encoder, encoderOptions);
}

async function runEncode(
  dataset: Dataset,
  encoder: Encoder,
  modality: Modality,
  options: EncodeCommandOptions,
  io: Output,
): Promise<EncodeSummary> {
  let last = 0;
  const summary = await encodeDataset({
    dataset,
    encoder,
    batchSize: options.batchSize,
    restart: options.restart,
    strict: options.strict,
    ...(options.features ? { root: options.features } : {}),
    onProgress: (p) => {
      const now = performance.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      io.status?.(encodeProgressLine(modality, p));
    },
  });
  io.status?.(undefined);
  return summary;
}

function report(summary: EncodeSummary, modality: Modality, io: Output): void {
  const rate = summary.encoded / Math.max(summary.seconds, 1e-9);
  io.out(
    `${modality}: ${summary.rows} rows of ${summary.dim} (${summary.encoded} encoded, ${summary.reused} kept from an earlier run) in ${summary.seconds.toFixed(1)} s, ${rate.toFixed(1)} items/s`,
  );
  io.out(`  encoder: ${summary.encoder}`);
  io.out(`  table: ${summary.dir}`);
  if (summary.catalogue > 0) io.out(`  ${summary.catalogue} of the rows are catalogue entries that are not items here (cold-start items)`);
  const items = summary.missing.filter((k) => k.startsWith('item:')).length;
  io.out(`  no ${modality} for ${items} items and ${summary.missing.length - items} entities (listed in missing.txt)`);
  if (summary.skipped.length === 0) {
    io.out('  skipped: none');
    return;
  }
  io.out(`  skipped ${summary.skipped.length} unreadable input(s) (all in skipped.tsv):`);
  for (const skip of summary.skipped.slice(0, SHOWN_SKIPS)) io.out(`    ${skip.key}: ${skip.reason}`);
  if (summary.skipped.length > SHOWN_SKIPS) io.out(`    … and ${summary.skipped.length - SHOWN_SKIPS} more`);
}

/** Encoder names registered for both modalities. */
const encoderNames = () => textEncoders.list().filter((name) => imageEncoders.has(name));

/** `kg4rec encode`. */
export const encode: Command = {
  name: 'encode',
  usage:
    () => `  encode --dataset <preset|path> [--encoder ${choices(['auto', ...encoderNames()])}] [--model <path>] [--variant full|fp16|quantized]
         [--modality text|image|both] [--batch-size N] [--features <dir>] [--providers auto|cpu,…]
         [--restart] [--strict]
                       Encode items' and entities' texts and images into the feature
                       store (<features>/<dataset>/<modality>/<encoder id>/). Resumes an
                       interrupted run; unreadable inputs are skipped and listed (--strict:
                       stop at the first). auto (default): pretrained (mobilenet for
                       images, word-vectors for texts) where their models are here, else
                       hash. clip needs a CLIP ONNX model folder.`,
  run: async (args, io) => {
    const { values } = parseCommandLine(args, {
      dataset: { type: 'string' },
      format: { type: 'string' },
      encoder: { type: 'string', default: 'auto' },
      model: { type: 'string' },
      variant: { type: 'string' },
      providers: { type: 'string' },
      modality: { type: 'string', default: 'both' },
      'batch-size': { type: 'string', default: '32' },
      features: { type: 'string' },
      restart: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
    });
    if (!values.dataset) throw new Kg4recError('INVALID_ARGUMENT', 'encode needs --dataset <preset|path>');
    return encodeCommand(
      {
        dataset: values.dataset,
        encoder: values.encoder ?? 'auto',
        modality: (values.modality ?? 'both') as EncodeCommandOptions['modality'],
        batchSize: Number(values['batch-size']),
        restart: values.restart ?? false,
        strict: values.strict ?? false,
        ...(values.format ? { format: values.format } : {}),
        ...(values.model ? { model: values.model } : {}),
        ...(values.variant ? { variant: values.variant } : {}),
        ...(values.providers ? { providers: values.providers } : {}),
        ...(values.features ? { features: values.features } : {}),
      },
      io,
    );
  },
};
