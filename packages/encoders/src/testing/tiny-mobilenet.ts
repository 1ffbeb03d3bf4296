/**
 * A tiny model with the published MobileNetV2 int8 graph's signature and pooled tensor, built in
 * TypeScript for tests: `input` [batch, 3, size, size] → QuantizeLinear → the contrib
 * `QLinearGlobalAveragePool` → `464_quantized` (with `464_scale`, `464_zero_point`) → dequantized,
 * flattened and projected by a fixed matrix → `output` [batch, classes]. Its pooled features are
 * the per-channel means of the normalised pixels, quantized.
 */
import { Rng } from '@kg4rec/core';
import { GraphBuilder } from './onnx-graph';

/** Options of {@link tinyMobilenetModel}. */
export interface TinyMobilenetOptions {
  /** Image side. Default 8. */
  size?: number;
  /** Logits per image. Default 5. */
  classes?: number;
  /** Name of the pooled tensor, to build a model without the expected one. Default `464_quantized`. */
  pooled?: string;
  seed?: number;
}

/** The quantization step of the pooled tensor and of the input. */
export const TINY_MOBILENET_SCALE = 0.02;
const ZERO_POINT = 128;

/** The model's bytes. */
export function tinyMobilenetModel(options: TinyMobilenetOptions = {}): Uint8Array {
  const { size = 8, classes = 5, pooled = '464_quantized', seed = 1 } = options;
  const rng = new Rng(seed);
  const projection = Float32Array.from({ length: 3 * classes }, () => rng.float() * 2 - 1);
  return new GraphBuilder()
    .input('input', 'float32', ['batch_size', 3, size, size])
    .output('output', 'float32', ['batch_size', classes])
    .floats('input_scale', [], Float32Array.of(TINY_MOBILENET_SCALE))
    .uint8s('input_zero_point', [], [ZERO_POINT])
    .floats('464_scale', [], Float32Array.of(TINY_MOBILENET_SCALE))
    .uint8s('464_zero_point', [], [ZERO_POINT])
    .floats('classifier', [3, classes], projection)
    .node('QuantizeLinear', ['input', 'input_scale', 'input_zero_point'], ['input_quantized'])
    .node(
      'QLinearGlobalAveragePool',
      ['input_quantized', 'input_scale', 'input_zero_point', '464_scale', '464_zero_point'],
      [pooled],
      { channels_last: 0 },
      'com.microsoft',
    )
    .node('DequantizeLinear', [pooled, '464_scale', '464_zero_point'], ['pooled_float'])
    .node('Flatten', ['pooled_float'], ['pooled_flat'], { axis: 1 })
    .node('MatMul', ['pooled_flat', 'classifier'], ['output'])
    .encode('kg4rec-tiny-mobilenet');
}
