/**
 * kg4rec's kernels as WebGPU compute shaders (WGSL), run through tfjs-backend-webgpu's program
 * runner, so that the ops and their registered gradients stay fused on a GPU. Same semantics as
 * the host kernels (`host-math.ts`), with two differences a GPU imposes: index inputs are not
 * range-checked (that would need a read back to the host; WebGPU's robust buffer access keeps an
 * out-of-range index from touching other memory), and sums into shared rows use atomic adds, so
 * their order, and the last bits of the result, vary from run to run.
 */
import * as tf from '@tensorflow/tfjs';
import { Kg4recError } from '../errors';
import { dropoutThreshold } from './host-math';
import { type KernelInputs as Inputs, inputsNamed, widthOf } from './kernel-inputs';
import type { AdamUpdateAttrs, DropoutAttrs, RelationMatMulAttrs, RelationOuterAttrs, SegmentAttrs, SpmmAttrs } from './names';

/** The part of tfjs-backend-webgpu's `WebGPUBackend` these kernels use. */
interface GpuBackend {
  runWebGPUProgram(
    program: GpuProgram,
    inputs: tf.TensorInfo[],
    dtype: tf.DataType,
    uniforms?: Uniform[],
    output?: tf.TensorInfo,
  ): tf.TensorInfo;
  disposeData(dataId: unknown): void;
}

type Uniform = { type: 'int32' | 'uint32' | 'float32'; data: number[] };

/** The fields of tfjs-backend-webgpu's `WebGPUProgram` (its shader preamble declares the buffers and uniforms). */
interface GpuProgram {
  outputShape: number[];
  shaderKey: string;
  variableNames: string[];
  uniforms?: string;
  atomic?: boolean;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  getUserCode(): string;
}

const WORKGROUP = 64;

/** WGSL that adds `value` to `result[i]` (a float stored in an atomic i32) with a compare-exchange loop. */
const ATOMIC_ADD = `
  fn atomicAddFloat(i : i32, value : f32) {
    var old = atomicLoad(&result[i]);
    loop {
      let swapped = atomicCompareExchangeWeak(&result[i], old, bitcast<i32>(bitcast<f32>(old) + value));
      if (swapped.exchanged) { break; }
      old = swapped.old_value;
    }
  }`;

/**
 * A program with one thread per unit of `work` (`index` in the body, guarded against the padding
 * threads a reshaped dispatch adds). `uniforms` are declared as `name : type,` pairs and read as
 * `uniforms.name`; `work` is always one of them.
 */
function program(
  key: string,
  outputShape: number[],
  variableNames: string[],
  work: number,
  body: string,
  options: { uniforms?: string; atomic?: boolean } = {},
): GpuProgram {
  return {
    outputShape,
    shaderKey: `kg4rec_${key}`,
    variableNames,
    uniforms: `work : i32, ${options.uniforms ?? ''}`,
    ...(options.atomic ? { atomic: true } : {}),
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.max(1, Math.ceil(work / WORKGROUP)), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    getUserCode: () => `${options.atomic ? ATOMIC_ADD : ''}
  fn main(index : i32) {
    if (index >= uniforms.work) { return; }
    ${body}
  }`,
  };
}

const ints = (...data: number[]): Uniform => ({ type: 'int32', data });
const floats = (...data: number[]): Uniform => ({ type: 'float32', data });

/** A float32 tensor of `shape` filled with `value` (the starting point of an atomic sum). */
function filled(backend: GpuBackend, shape: number[], value: number): tf.TensorInfo {
  const fill = tf.getKernel('Fill', 'webgpu');
  if (!fill) throw new Kg4recError('INTERNAL', "webgpu kernels: tfjs-backend-webgpu has no 'Fill' kernel");
  return fill.kernelFunc({
    inputs: {},
    backend: backend as unknown as tf.KernelBackend,
    attrs: { shape, value, dtype: 'float32' },
  }) as tf.TensorInfo;
}

/** A WebGPU kernel body: tfjs's kernel arguments, the backend typed as the program runner. */
export type GpuKernel = (inputs: Inputs, attrs: Record<string, unknown>, backend: GpuBackend) => tf.TensorInfo | tf.TensorInfo[];

/** `out[rows[e]] += values[e] · x[cols[e]]`: one thread per (edge, column), atomic adds. */
const spmm: GpuKernel = (inputs, attrs, backend) => {
  const [rows, cols, values, x] = inputsNamed('aggregateNeighbours', inputs, ['rows', 'cols', 'values', 'x']);
  const { numRows } = attrs as unknown as SpmmAttrs;
  const width = widthOf(x.shape, 1);
  const shape = [numRows, ...x.shape.slice(1)];
  const work = (rows.shape[0] ?? 0) * width;
  const body = `
    let e = index / uniforms.width;
    let k = index % uniforms.width;
    atomicAddFloat(rows[e] * uniforms.width + k, edgeValues[e] * x[cols[e] * uniforms.width + k]);`;
  const gpu = program('spmm', shape, ['rows', 'cols', 'edgeValues', 'x'], work, body, { uniforms: 'width : i32,', atomic: true });
  return backend.runWebGPUProgram(gpu, [rows, cols, values, x], 'float32', [ints(work), ints(width)], filled(backend, shape, 0));
};

/** `out[e] = ⟨a[rows[e]], b[cols[e]]⟩`: one thread per edge. */
const edgeDot: GpuKernel = (inputs, _attrs, backend) => {
  const [rows, cols, a, b] = inputsNamed('edgeDot', inputs, ['rows', 'cols', 'a', 'b']);
  const edges = rows.shape[0] ?? 0;
  const body = `
    let w = uniforms.width;
    let ra = rows[index] * w;
    let cb = cols[index] * w;
    var sum = 0.0;
    for (var k = 0; k < w; k++) { sum += a[ra + k] * b[cb + k]; }
    result[index] = sum;`;
  const gpu = program('edgeDot', [edges], ['rows', 'cols', 'a', 'b'], edges, body, { uniforms: 'width : i32,' });
  return backend.runWebGPUProgram(gpu, [rows, cols, a, b], 'float32', [ints(edges), ints(widthOf(a.shape, 1))]);
};

/**
 * Softmax within segments in three passes: each segment's maximum (atomic, compare-exchange), the
 * sum of shifted exponentials (atomic add), then each edge's share.
 */
const segmentSoftmax: GpuKernel = (inputs, attrs, backend) => {
  const [logits, ids] = inputsNamed('segmentSoftmax', inputs, ['logits', 'segmentIds']);
  const { numSegments } = attrs as unknown as SegmentAttrs;
  const edges = logits.shape[0] ?? 0;
  const maxBody = `
    let s = ids[index];
    let value = logits[index];
    var old = atomicLoad(&result[s]);
    loop {
      if (bitcast<f32>(old) >= value) { break; }
      let swapped = atomicCompareExchangeWeak(&result[s], old, bitcast<i32>(value));
      if (swapped.exchanged) { break; }
      old = swapped.old_value;
    }`;
  const maxProgram = program('segmentMax', [numSegments], ['logits', 'ids'], edges, maxBody, { atomic: true });
  const max = backend.runWebGPUProgram(maxProgram, [logits, ids], 'float32', [ints(edges)], filled(backend, [numSegments], -Infinity));
  const sumBody = `
    let s = ids[index];
    atomicAddFloat(s, exp(logits[index] - segmentMax[s]));`;
  const sumProgram = program('segmentExpSum', [numSegments], ['logits', 'ids', 'segmentMax'], edges, sumBody, { atomic: true });
  const sum = backend.runWebGPUProgram(sumProgram, [logits, ids, max], 'float32', [ints(edges)], filled(backend, [numSegments], 0));
  const shareBody = `
    let s = ids[index];
    result[index] = exp(logits[index] - segmentMax[s]) / segmentSum[s];`;
  const shareProgram = program('segmentShare', [edges], ['logits', 'ids', 'segmentMax', 'segmentSum'], edges, shareBody);
  const out = backend.runWebGPUProgram(shareProgram, [logits, ids, max, sum], 'float32', [ints(edges)]);
  backend.disposeData(max.dataId);
  backend.disposeData(sum.dataId);
  return out;
};

/** `out[i] = x[i] · W[r_i]` (or `· W[r_i]ᵀ`): one thread per output entry. */
const relationMatMul: GpuKernel = (inputs, attrs, backend) => {
  const [x, w, relations] = inputsNamed('projectByRelation', inputs, ['x', 'w', 'relations']);
  const { transposeW } = attrs as unknown as RelationMatMulAttrs;
  const [, d = 0, k = 0] = w.shape;
  const n = relations.shape[0] ?? 0;
  const outWidth = transposeW ? d : k;
  const body = transposeW
    ? `
    let i = index / uniforms.d;
    let a = index % uniforms.d;
    let base = relations[i] * uniforms.d * uniforms.k + a * uniforms.k;
    var sum = 0.0;
    for (var j = 0; j < uniforms.k; j++) { sum += x[i * uniforms.k + j] * w[base + j]; }
    result[index] = sum;`
    : `
    let i = index / uniforms.k;
    let j = index % uniforms.k;
    let base = relations[i] * uniforms.d * uniforms.k + j;
    var sum = 0.0;
    for (var a = 0; a < uniforms.d; a++) { sum += x[i * uniforms.d + a] * w[base + a * uniforms.k]; }
    result[index] = sum;`;
  const key = transposeW ? 'relationMatMulT' : 'relationMatMul';
  const gpu = program(key, [n, outWidth], ['x', 'w', 'relations'], n * outWidth, body, { uniforms: 'd : i32, k : i32,' });
  return backend.runWebGPUProgram(gpu, [x, w, relations], 'float32', [ints(n * outWidth), ints(d), ints(k)]);
};

/** `out[r] = Σ_{i: r_i = r} a[i]ᵀ b[i]`: one thread per (row, p, q), atomic adds. */
const relationOuter: GpuKernel = (inputs, attrs, backend) => {
  const [a, b, relations] = inputsNamed('relationOuter', inputs, ['a', 'b', 'relations']);
  const { numRelations } = attrs as unknown as RelationOuterAttrs;
  const n = relations.shape[0] ?? 0;
  const d = a.shape[1] ?? 0;
  const k = b.shape[1] ?? 0;
  const shape = [numRelations, d, k];
  const body = `
    let i = index / (uniforms.d * uniforms.k);
    let p = (index / uniforms.k) % uniforms.d;
    let q = index % uniforms.k;
    atomicAddFloat(relations[i] * uniforms.d * uniforms.k + p * uniforms.k + q, a[i * uniforms.d + p] * b[i * uniforms.k + q]);`;
  const gpu = program('relationOuter', shape, ['a', 'b', 'relations'], n * d * k, body, { uniforms: 'd : i32, k : i32,', atomic: true });
  return backend.runWebGPUProgram(gpu, [a, b, relations], 'float32', [ints(n * d * k), ints(d), ints(k)], filled(backend, shape, 0));
};

/** Inverted dropout with the host kernels' counter-based hash, so the same seed gives the same mask. */
const dropout: GpuKernel = (inputs, attrs, backend) => {
  const [x] = inputsNamed('dropout', inputs, ['x']);
  const { rate, seed } = attrs as unknown as DropoutAttrs;
  const size = widthOf(x.shape, 0);
  const body = `
    var h = uniforms.seed ^ (u32(index) * 0x9e3779b9u);
    h = (h ^ (h >> 16u)) * 0x85ebca6bu;
    h = (h ^ (h >> 13u)) * 0xc2b2ae35u;
    h = h ^ (h >> 16u);
    result[index] = select(0.0, x[index] * uniforms.scale, h >= uniforms.threshold);`;
  const gpu = program('dropout', [...x.shape], ['x'], size, body, { uniforms: 'seed : u32, threshold : u32, scale : f32,' });
  const threshold = dropoutThreshold(rate);
  return backend.runWebGPUProgram(gpu, [x], 'float32', [
    ints(size),
    { type: 'uint32', data: [seed >>> 0] },
    { type: 'uint32', data: [threshold] },
    floats(1 / (1 - rate)),
  ]);
};

/** One Adam step: three elementwise programs (new m, new v, then the new value from them). */
const adamUpdate: GpuKernel = (inputs, attrs, backend) => {
  const [value, m, v, gradient] = inputsNamed('adamUpdate', inputs, ['value', 'm', 'v', 'gradient']);
  const a = attrs as unknown as AdamUpdateAttrs;
  const shape = [...value.shape];
  const size = widthOf(shape, 0);
  const moment = (key: string, body: string, input: tf.TensorInfo, beta: number) =>
    backend.runWebGPUProgram(
      program(key, shape, ['moment', 'gradient'], size, body, { uniforms: 'beta : f32,' }),
      [input, gradient],
      'float32',
      [ints(size), floats(beta)],
    );
  const newM = moment('adamM', 'result[index] = uniforms.beta * moment[index] + (1.0 - uniforms.beta) * gradient[index];', m, a.beta1);
  const newV = moment(
    'adamV',
    'let g = gradient[index]; result[index] = uniforms.beta * moment[index] + (1.0 - uniforms.beta) * g * g;',
    v,
    a.beta2,
  );
  const stepBody = `
    let mHat = m[index] / uniforms.firstCorrection;
    let vHat = sqrt(v[index] / uniforms.secondCorrection);
    result[index] = value[index] - uniforms.learningRate * mHat / (vHat + uniforms.epsilon);`;
  const uniforms = 'learningRate : f32, epsilon : f32, firstCorrection : f32, secondCorrection : f32,';
  const step = program('adamValue', shape, ['value', 'm', 'v'], size, stepBody, { uniforms });
  const newValue = backend.runWebGPUProgram(step, [value, newM, newV], 'float32', [
    ints(size),
    floats(a.learningRate),
    floats(a.epsilon),
    floats(a.firstCorrection),
    floats(a.secondCorrection),
  ]);
  return [newValue, newM, newV];
};

/** The WebGPU kernel bodies, by kernel. */
export const WEBGPU_KERNELS = { spmm, edgeDot, segmentSoftmax, relationMatMul, relationOuter, dropout, adamUpdate };
