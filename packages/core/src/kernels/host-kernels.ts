/**
 * Kernel bodies for the `cpu` and `wasm` backends: validate, allocate the output, run a loop from
 * `host-math`. Each receives tfjs's kernel arguments and a {@link HostStorage} of the backend.
 */
import type * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';
import {
  adamUpdateInto,
  checkIndices,
  dropoutInto,
  edgeDotInto,
  relationMatMulInto,
  relationOuterInto,
  segmentSoftmaxInto,
  segmentSumInto,
  spmmInto,
} from './host-math';
import { type KernelInputs as Inputs, input, inputsNamed, widthOf } from './kernel-inputs';
import type { AdamUpdateAttrs, DropoutAttrs, RelationMatMulAttrs, RelationOuterAttrs, SegmentAttrs, SpmmAttrs } from './names';
import { asFloats, asIndices, type HostStorage } from './storage';

/** A kernel body on host memory. */
export type HostKernel = (inputs: Inputs, attrs: Record<string, unknown>, storage: HostStorage) => tf.TensorInfo | tf.TensorInfo[];

/** Reads and range-checks an edge list's two index arrays (after the output is allocated). */
function readEdges(op: string, storage: HostStorage, rows: tf.TensorInfo, cols: tf.TensorInfo, numRows: number, numCols: number) {
  const rowIds = asIndices(op, 'rows', storage.read(rows));
  const colIds = asIndices(op, 'cols', storage.read(cols));
  checkIndices(op, 'rows', rowIds, numRows);
  checkIndices(op, 'cols', colIds, numCols);
  return { rowIds, colIds };
}

/** `UnsortedSegmentSum`, linear in the input size (tfjs's cpu kernel loops once per segment). */
export const segmentSumKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'unsortedSegmentSum';
  const x = input(op, inputs, 'x');
  const ids = input(op, inputs, 'segmentIds');
  const { numSegments } = attrs as unknown as SegmentAttrs;
  const width = widthOf(x.shape, ids.shape.length);
  const out = storage.output([numSegments, ...x.shape.slice(ids.shape.length)], 'float32');
  const idValues = asIndices(op, 'segmentIds', storage.read(ids));
  checkIndices(op, 'segmentIds', idValues, numSegments, Number.NEGATIVE_INFINITY);
  segmentSumInto(asFloats(op, 'x', storage.read(x)), idValues, width, asFloats(op, 'out', out.values));
  return out.info;
};

/** {@link SPMM}: inputs `rows`, `cols` (int32 [E]), `values` (float32 [E]), `x` ([numCols, width]). */
export const spmmKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'aggregateNeighbours';
  const [rows, cols, values, x] = inputsNamed(op, inputs, ['rows', 'cols', 'values', 'x']);
  const { numRows } = attrs as unknown as SpmmAttrs;
  const width = widthOf(x.shape, 1);
  const out = storage.output([numRows, ...x.shape.slice(1)], 'float32');
  const { rowIds, colIds } = readEdges(op, storage, rows, cols, numRows, x.shape[0] ?? 0);
  const edgeValues = asFloats(op, 'values', storage.read(values));
  spmmInto(rowIds, colIds, edgeValues, asFloats(op, 'x', storage.read(x)), width, asFloats(op, 'out', out.values));
  return out.info;
};

/** {@link EDGE_DOT}: inputs `rows`, `cols` (int32 [E]), `a` ([R, width]), `b` ([C, width]). */
export const edgeDotKernel: HostKernel = (inputs, _attrs, storage) => {
  const op = 'edgeDot';
  const [rows, cols, a, b] = inputsNamed(op, inputs, ['rows', 'cols', 'a', 'b']);
  const out = storage.output([rows.shape[0] ?? 0], 'float32');
  const { rowIds, colIds } = readEdges(op, storage, rows, cols, a.shape[0] ?? 0, b.shape[0] ?? 0);
  const aValues = asFloats(op, 'a', storage.read(a));
  const bValues = asFloats(op, 'b', storage.read(b));
  edgeDotInto(rowIds, colIds, aValues, bValues, widthOf(a.shape, 1), asFloats(op, 'out', out.values));
  return out.info;
};

/** {@link SEGMENT_SOFTMAX}: inputs `logits` (float32 [E]), `segmentIds` (int32 [E]). */
export const segmentSoftmaxKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'segmentSoftmax';
  const logits = input(op, inputs, 'logits');
  const ids = input(op, inputs, 'segmentIds');
  const { numSegments } = attrs as unknown as SegmentAttrs;
  const out = storage.output([...logits.shape], 'float32');
  const idValues = asIndices(op, 'segmentIds', storage.read(ids));
  checkIndices(op, 'segmentIds', idValues, numSegments);
  segmentSoftmaxInto(asFloats(op, 'logits', storage.read(logits)), idValues, numSegments, asFloats(op, 'out', out.values));
  return out.info;
};

function expectShape(op: string, name: string, info: tf.TensorInfo, expected: readonly number[]): void {
  if (info.shape.length !== expected.length || info.shape.some((size, i) => size !== expected[i])) {
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: ${name} must be [${expected.join(', ')}], got [${info.shape.join(', ')}]`);
  }
}

/** {@link RELATION_MATMUL}: inputs `x` ([n, d], or [n, k] transposed), `w` ([R, d, k]), `relations` (int32 [n]). */
export const relationMatMulKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'projectByRelation';
  const [x, w, relations] = inputsNamed(op, inputs, ['x', 'w', 'relations']);
  const { transposeW } = attrs as unknown as RelationMatMulAttrs;
  const [numRelations = 0, d = 0, k = 0] = w.shape;
  const n = relations.shape[0] ?? 0;
  expectShape(op, 'w', w, [numRelations, d, k]);
  expectShape(op, 'x', x, [n, transposeW ? k : d]);
  const out = storage.output([n, transposeW ? d : k], 'float32');
  const relationIds = asIndices(op, 'relations', storage.read(relations));
  checkIndices(op, 'relations', relationIds, numRelations);
  const xValues = asFloats(op, 'x', storage.read(x));
  relationMatMulInto(xValues, asFloats(op, 'w', storage.read(w)), relationIds, d, k, transposeW, asFloats(op, 'out', out.values));
  return out.info;
};

/** {@link RELATION_OUTER}: inputs `a` ([n, d]), `b` ([n, k]), `relations` (int32 [n]); output [R, d, k]. */
export const relationOuterKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'relationOuter';
  const [a, b, relations] = inputsNamed(op, inputs, ['a', 'b', 'relations']);
  const { numRelations } = attrs as unknown as RelationOuterAttrs;
  const n = relations.shape[0] ?? 0;
  const [, d = 0] = a.shape;
  const [, k = 0] = b.shape;
  expectShape(op, 'a', a, [n, d]);
  expectShape(op, 'b', b, [n, k]);
  const out = storage.output([numRelations, d, k], 'float32');
  const relationIds = asIndices(op, 'relations', storage.read(relations));
  checkIndices(op, 'relations', relationIds, numRelations);
  const aValues = asFloats(op, 'a', storage.read(a));
  relationOuterInto(aValues, asFloats(op, 'b', storage.read(b)), relationIds, d, k, asFloats(op, 'out', out.values));
  return out.info;
};

/** Whether {@link gatherRowsKernel} handles a `GatherV2` call (else the backend's own kernel runs). */
export function isRowGather(inputs: Inputs, attrs: Record<string, unknown>): boolean {
  const x = inputs.x;
  const indices = inputs.indices;
  const axis = Number(attrs.axis ?? 0);
  const rank = x?.shape.length ?? 0;
  return (
    x !== undefined &&
    indices !== undefined &&
    rank >= 1 &&
    (axis === 0 || axis === -rank) &&
    Number(attrs.batchDims ?? 0) === 0 &&
    (x.dtype === 'float32' || x.dtype === 'int32') &&
    indices.dtype === 'int32'
  );
}

/**
 * `GatherV2` along axis 0 (`tf.gather(x, indices)`: whole rows), copying each row with one
 * `set`: 50–100× faster than `wasm`'s own kernel for embedding lookups (5.7 ms for 2,048 rows of
 * 64 there). Other gathers go to the backend's kernel (see `register.ts`).
 */
export const gatherRowsKernel: HostKernel = (inputs, _attrs, storage) => {
  const op = 'gather';
  const [x, indices] = inputsNamed(op, inputs, ['x', 'indices']);
  const rows = x.shape[0] ?? 0;
  const width = widthOf(x.shape, 1);
  const out = storage.output([...indices.shape, ...x.shape.slice(1)], x.dtype as 'float32' | 'int32');
  const ids = asIndices(op, 'indices', storage.read(indices));
  checkIndices(op, 'indices', ids, rows);
  const source = storage.read(x);
  const target = out.values;
  for (let i = 0; i < ids.length; i++) {
    const from = (ids[i] as number) * width;
    target.set(source.subarray(from, from + width), i * width);
  }
  return out.info;
};

/** {@link DROPOUT}: input `x` (float32, any shape). */
export const dropoutKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'dropout';
  const x = input(op, inputs, 'x');
  const { rate, seed } = attrs as unknown as DropoutAttrs;
  const out = storage.output([...x.shape], 'float32');
  dropoutInto(asFloats(op, 'x', storage.read(x)), rate, seed, asFloats(op, 'out', out.values));
  return out.info;
};

/** One Adam step of one variable: [new value, new m, new v] (outputs allocated before any read). */
export const adamUpdateKernel: HostKernel = (inputs, attrs, storage) => {
  const op = 'adamUpdate';
  const [value, m, v, gradient] = inputsNamed(op, inputs, ['value', 'm', 'v', 'gradient'] as const);
  const size = widthOf(value.shape, 0);
  for (const [name, info] of [
    ['m', m],
    ['v', v],
    ['gradient', gradient],
  ] as const) {
    if (widthOf(info.shape, 0) !== size)
      throw new Kg4recError('SHAPE_MISMATCH', `${op}: '${name}' has shape [${info.shape}], the value [${value.shape}]`);
  }
  const outputs = [value, m, v].map(() => storage.output([...value.shape], 'float32').info);
  // Views only after every allocation: on wasm an allocation can grow the heap and detach earlier
  // views (writes through a detached view vanish silently).
  const [newValue, newM, newV] = outputs.map((info) => asFloats(op, 'out', storage.read(info))) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const from = {
    value: asFloats(op, 'value', storage.read(value)),
    m: asFloats(op, 'm', storage.read(m)),
    v: asFloats(op, 'v', storage.read(v)),
  };
  adamUpdateInto(from, asFloats(op, 'gradient', storage.read(gradient)), attrs as unknown as AdamUpdateAttrs, {
    value: newValue,
    m: newM,
    v: newV,
  });
  return outputs;
};

/**
 * `SplitV` along any axis as block copies: for each index of the leading axes, each part's block
 * of `size × inner` values is one `set`. (tfjs-wasm's own kernel slices element by element: 7.7 ms
 * to split [1024, 176] in four, which made the gradient of a concatenation cost more than the
 * sparse aggregation it followed.)
 */
export function splitKernel(inputs: Inputs, attrs: Record<string, unknown>, storage: HostStorage): tf.TensorInfo[] {
  const op = 'split';
  const x = input(op, inputs, 'x');
  const rank = x.shape.length;
  const axis = ((Number(attrs.axis ?? 0) % rank) + rank) % rank;
  const length = x.shape[axis] ?? 0;
  const requested = attrs.numOrSizeSplits as number | number[];
  const sizes = Array.isArray(requested) ? [...requested] : new Array<number>(requested).fill(length / requested);
  const free = sizes.indexOf(-1);
  if (free >= 0) sizes[free] = length - sizes.reduce((a, b) => (b === -1 ? a : a + b), 0);
  if (sizes.reduce((a, b) => a + b, 0) !== length || sizes.some((size) => !Number.isInteger(size) || size < 0)) {
    throw new Kg4recError('SHAPE_MISMATCH', `${op}: sizes [${sizes.join(', ')}] do not split axis ${axis} of length ${length}`);
  }
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const shapeOf = (size: number) => x.shape.map((d, i) => (i === axis ? size : d));
  const outputs = sizes.map((size) => storage.output(shapeOf(size), x.dtype as 'float32' | 'int32').info);
  // Views only after every allocation: on wasm an allocation can grow the heap and detach earlier views.
  const source = storage.read(x);
  let offset = 0;
  sizes.forEach((size, j) => {
    const target = storage.read(outputs[j] as tf.TensorInfo);
    const block = size * inner;
    for (let o = 0; o < outer; o++) {
      const from = (o * length + offset) * inner;
      target.set(source.subarray(from, from + block), o * block);
    }
    offset += size;
  });
  return outputs;
}
