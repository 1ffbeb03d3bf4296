/**
 * What a CLIP ONNX export must look like, read from the session's own metadata rather than
 * assumed: the text model takes `input_ids` (int32 or int64) and maybe `attention_mask`, and
 * gives `text_embeds` `[batch, dim]`; the vision model takes `pixel_values` `[batch, 3, H, W]`
 * (float32 or float16) and gives `image_embeds` `[batch, dim]`.
 */
import { Kg4recError } from '@kg4rec/core';
import type { OnnxSession } from './runtime';
import { describeSpec, type TensorSpec } from './tensors';

/** The text model's inputs and output. */
export interface ClipTextSignature {
  ids: TensorSpec;
  mask: TensorSpec | undefined;
  output: TensorSpec;
  /** Ids per row: the model's fixed sequence length, or 77 where it is symbolic. */
  contextLength: number;
}

/** The vision model's input and output. */
export interface ClipVisionSignature {
  pixels: TensorSpec;
  output: TensorSpec;
  /** Image side: the model's fixed height, or 224 where it is symbolic. */
  size: number;
}

const list = (specs: readonly TensorSpec[]) => specs.map((s) => `'${s.name}' ${describeSpec(s)}`).join(', ') || 'none';

function wrongSignature(name: string, expected: string, session: OnnxSession): Kg4recError {
  return new Kg4recError(
    'INVALID_ARGUMENT',
    `${name}: ${expected}; the model has inputs ${list(session.inputs)} and outputs ${list(session.outputs)}`,
    { details: { file: name } },
  );
}

function pickOutput(session: OnnxSession, name: string, wanted: string, kind: string): TensorSpec {
  const output = session.outputs.find((s) => s.name === wanted);
  if (output?.shape.length !== 2 || (output.type !== 'float32' && output.type !== 'float16')) {
    throw wrongSignature(name, `expected an output '${wanted}' float32 [batch, dim] (a CLIP ${kind} export with projection)`, session);
  }
  return output;
}

/** Reads and checks a CLIP text model's signature (`output` default `text_embeds`). */
export function clipTextSignature(session: OnnxSession, name: string, output = 'text_embeds'): ClipTextSignature {
  const ids = session.inputs.find((s) => s.name === 'input_ids');
  const mask = session.inputs.find((s) => s.name === 'attention_mask');
  const isIds = (s: TensorSpec | undefined) => s && (s.type === 'int32' || s.type === 'int64') && s.shape.length === 2;
  if (!ids || !isIds(ids) || (mask && !isIds(mask))) {
    throw wrongSignature(
      name,
      "expected an input 'input_ids' int32 or int64 [batch, sequence] and maybe 'attention_mask' of the same type",
      session,
    );
  }
  const extra = session.inputs.filter((s) => s !== ids && s !== mask);
  if (extra.length > 0) throw wrongSignature(name, `expected only 'input_ids' and 'attention_mask', not ${list(extra)}`, session);
  const length = ids.shape[1];
  const contextLength = typeof length === 'number' && length > 0 ? length : 77;
  if (contextLength < 2) throw wrongSignature(name, 'expected a sequence length of at least 2', session);
  return { ids, mask, output: pickOutput(session, name, output, 'text'), contextLength };
}

/** Reads and checks a CLIP vision model's signature (`output` default `image_embeds`). */
export function clipVisionSignature(session: OnnxSession, name: string, output = 'image_embeds'): ClipVisionSignature {
  const pixels = session.inputs.find((s) => s.name === 'pixel_values');
  const channels = pixels?.shape[1];
  if (
    !pixels ||
    session.inputs.length !== 1 ||
    (pixels.type !== 'float32' && pixels.type !== 'float16') ||
    pixels.shape.length !== 4 ||
    (typeof channels === 'number' && channels !== 3)
  ) {
    throw wrongSignature(name, "expected one input 'pixel_values' float32 or float16 [batch, 3, height, width]", session);
  }
  const [height, width] = [pixels.shape[2], pixels.shape[3]];
  const size = typeof height === 'number' && height > 0 ? height : 224;
  if (typeof width === 'number' && width > 0 && width !== size)
    throw wrongSignature(name, `expected square images, not ${height}×${width}`, session);
  return { pixels, output: pickOutput(session, name, output, 'vision'), size };
}
