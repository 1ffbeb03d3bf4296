/**
 * Exposing a quantized intermediate tensor of an ONNX model as a float output, in memory: the
 * model's graph gets a `DequantizeLinear` of the tensor (with its scale and zero point) and a
 * `Flatten` to `[batch, features]`, named {@link POOLED_OUTPUT}. The graph is checked first: the
 * input, the logits output and the three tensors must be there, or the error says which is not.
 */
import { Kg4recError } from '@kg4rec/core';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** The name of the added output. */
export const POOLED_OUTPUT = 'kg4rec_pooled_features';

/** A quantized tensor and the names of its scale and zero point. */
export interface PooledTensor {
  tensor: string;
  scale: string;
  zeroPoint: string;
}

/** What the graph must hold. */
export interface PooledGraphSpec {
  input: string;
  logits: string;
  pooled: PooledTensor;
}

type Graph = onnxProto.onnx.IGraphProto;

const FLOAT = 1;

function decodeModel(bytes: Uint8Array, name: string): onnxProto.onnx.ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new Kg4recError('PARSE_ERROR', `${name}: not an ONNX model (${(cause as Error).message})`, { cause, details: { file: name } });
  }
}

/** What of `spec` the graph lacks, as sentences. */
function graphProblems(graph: Graph, spec: PooledGraphSpec): string[] {
  const inputs = (graph.input ?? []).map((v) => v.name);
  const outputs = (graph.output ?? []).map((v) => v.name);
  const produced = new Set([...(graph.node ?? []).flatMap((n) => n.output ?? []), ...(graph.initializer ?? []).map((t) => t.name)]);
  const problems: string[] = [];
  if (!inputs.includes(spec.input)) problems.push(`no input '${spec.input}' (it has ${inputs.map((n) => `'${n}'`).join(', ') || 'none'})`);
  if (!outputs.includes(spec.logits))
    problems.push(`no output '${spec.logits}' (it has ${outputs.map((n) => `'${n}'`).join(', ') || 'none'})`);
  for (const tensor of [spec.pooled.tensor, spec.pooled.scale, spec.pooled.zeroPoint])
    if (!produced.has(tensor)) problems.push(`no tensor '${tensor}'`);
  return problems;
}

/** The model bytes with the quantized pooled tensor added as the float output {@link POOLED_OUTPUT}. */
export function withPooledOutput(bytes: Uint8Array, name: string, spec: PooledGraphSpec): Uint8Array {
  const model = decodeModel(bytes, name);
  const graph = model.graph;
  const problems = graph ? graphProblems(graph, spec) : ['no graph'];
  if (!graph || problems.length > 0) {
    throw new Kg4recError(
      'INVALID_ARGUMENT',
      `${name}: not the expected MobileNetV2 graph: ${problems.join('; ')} (the pooled features are read from '${spec.pooled.tensor}')`,
      { details: { file: name } },
    );
  }
  const dequantized = `${POOLED_OUTPUT}_nchw`;
  graph.node = [
    ...(graph.node ?? []),
    {
      opType: 'DequantizeLinear',
      input: [spec.pooled.tensor, spec.pooled.scale, spec.pooled.zeroPoint],
      output: [dequantized],
      name: `${POOLED_OUTPUT}_dequantize`,
    },
    {
      opType: 'Flatten',
      input: [dequantized],
      output: [POOLED_OUTPUT],
      name: `${POOLED_OUTPUT}_flatten`,
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    },
  ];
  graph.output = [
    ...(graph.output ?? []),
    { name: POOLED_OUTPUT, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'features' }] } } } },
  ];
  return onnx.ModelProto.encode(model).finish();
}
