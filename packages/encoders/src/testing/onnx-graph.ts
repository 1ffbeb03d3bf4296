/**
 * Just enough of an ONNX graph builder (over onnx-proto) to write tiny test models in
 * TypeScript: float and int64 initializers, nodes with int/ints attributes, typed inputs/outputs.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element type codes used here. */
export const ONNX_TYPE = { float32: 1, uint8: 2, int32: 6, int64: 7, float16: 10 } as const;

/** A dimension: fixed (number) or symbolic (name). */
export type Dim = number | string;

/** An attribute value: an int, a float or a list of ints. */
export type AttributeValue = number | number[] | { float: number };

/** Collects nodes, initializers, inputs and outputs; {@link GraphBuilder.encode} writes the model bytes. */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly domains = new Set<string>();

  input(name: string, type: keyof typeof ONNX_TYPE, shape: readonly Dim[]): this {
    this.inputs.push(valueInfo(name, type, shape));
    return this;
  }

  output(name: string, type: keyof typeof ONNX_TYPE, shape: readonly Dim[]): this {
    this.outputs.push(valueInfo(name, type, shape));
    return this;
  }

  floats(name: string, dims: readonly number[], values: Float32Array): this {
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: ONNX_TYPE.float32,
      rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    });
    return this;
  }

  /** A uint8 initializer (a scalar when `dims` is empty), as quantized models keep zero points. */
  uint8s(name: string, dims: readonly number[], values: readonly number[]): this {
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_TYPE.uint8, rawData: Uint8Array.from(values) });
    return this;
  }

  int64s(name: string, values: readonly number[]): this {
    this.initializers.push({ name, dims: [values.length], dataType: ONNX_TYPE.int64, int64Data: [...values] });
    return this;
  }

  /** A node; `domain` names a contrib operator set (`com.microsoft`), imported at version 1. */
  node(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    domain = '',
  ): this {
    if (domain !== '') this.domains.add(domain);
    this.nodes.push({
      opType,
      domain,
      input: [...inputs],
      output: [...outputs],
      name: `${opType}_${this.nodes.length}`,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return this;
  }

  /** The serialised model (IR 8, default opset 13). */
  encode(name = 'kg4rec-tiny'): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'kg4rec tests',
      opsetImport: [{ domain: '', version: 13 }, ...[...this.domains].map((domain) => ({ domain, version: 1 }))],
      graph: { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: keyof typeof ONNX_TYPE, shape: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ONNX_TYPE[type],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.INT, i: value };
}
