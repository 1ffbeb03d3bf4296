/**
 * The sparse × dense loop (`out[rows[e]] += values[e] · x[cols[e]]`) as a small WebAssembly module
 * with 128-bit SIMD: four float32 lanes per instruction instead of one multiply-add per JS
 * statement (measured on MovieLens-1M's collaborative KG: see docs/performance.md). The module is
 * assembled here from its opcodes (no toolchain needed) and validated before use; where the
 * runtime lacks WebAssembly SIMD, {@link simdSpmm} returns false and callers keep the JS loop.
 *
 * The module owns its memory: inputs are copied in, the output copied out (a few MB per call,
 * small next to the multiply-adds), so it serves the `cpu` and `wasm` backends alike.
 */

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (v !== 0);
  return bytes;
}

/** Signed LEB128 (for i32.const). */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

// Opcodes used below.
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  i32: (value: number) => [0x41, ...sleb(value)],
  add: [0x6a],
  mul: [0x6c],
  and: [0x71],
  geU: [0x4f],
  loadI32: [0x28, 2, 0],
  loadF32: [0x2a, 2, 0],
  storeF32: [0x38, 2, 0],
  addF32: [0x92],
  mulF32: [0x94],
  loadV128: [0xfd, 0x00, 4, 0],
  storeV128: [0xfd, 0x0b, 4, 0],
  splatF32x4: [0xfd, 0x13],
  addF32x4: [0xfd, ...uleb(0xe4)],
  mulF32x4: [0xfd, ...uleb(0xe6)],
};

// spmm(rows, cols, values, x, out, edges, width): byte pointers, an edge count and a row width in floats.
const P = { rows: 0, cols: 1, values: 2, x: 3, out: 4, edges: 5, width: 6 };
// Locals after the parameters: edge offset, target row, source row, byte offset k, row bytes, vector bytes, scale (f32), scale (v128).
const L = { e: 7, target: 8, source: 9, k: 10, rowBytes: 11, vectorBytes: 12, scale: 13, scale4: 14 };

/** `address = base + (load i32 at indexBase + e) * rowBytes` */
const rowAddress = (base: number, indexBase: number) => [
  ...op.get(base),
  ...op.get(indexBase),
  ...op.get(L.e),
  ...op.add,
  ...op.loadI32,
  ...op.get(L.rowBytes),
  ...op.mul,
  ...op.add,
];

const spmmBody = [
  ...op.get(P.width),
  ...op.i32(4),
  ...op.mul,
  ...op.set(L.rowBytes),
  ...op.get(L.rowBytes),
  ...op.i32(~15),
  ...op.and,
  ...op.set(L.vectorBytes),
  ...op.get(P.edges),
  ...op.i32(4),
  ...op.mul,
  ...op.set(P.edges), // edges now in bytes: e steps by 4
  ...op.block,
  ...op.loop,
  ...[...op.get(L.e), ...op.get(P.edges), ...op.geU, ...op.brIf(1)],
  ...[...rowAddress(P.out, P.rows), ...op.set(L.target)],
  ...[...rowAddress(P.x, P.cols), ...op.set(L.source)],
  ...[...op.get(P.values), ...op.get(L.e), ...op.add, ...op.loadF32, ...op.set(L.scale)],
  ...[...op.get(L.scale), ...op.splatF32x4, ...op.set(L.scale4)],
  ...[...op.i32(0), ...op.set(L.k)],
  // four lanes at a time
  ...op.block,
  ...op.loop,
  ...[...op.get(L.k), ...op.get(L.vectorBytes), ...op.geU, ...op.brIf(1)],
  ...[...op.get(L.target), ...op.get(L.k), ...op.add],
  ...[...op.get(L.target), ...op.get(L.k), ...op.add, ...op.loadV128],
  ...[...op.get(L.scale4), ...op.get(L.source), ...op.get(L.k), ...op.add, ...op.loadV128, ...op.mulF32x4],
  ...op.addF32x4,
  ...op.storeV128,
  ...[...op.get(L.k), ...op.i32(16), ...op.add, ...op.set(L.k)],
  ...op.br(0),
  ...op.end,
  ...op.end,
  // the remaining 0–3 floats of the row
  ...op.block,
  ...op.loop,
  ...[...op.get(L.k), ...op.get(L.rowBytes), ...op.geU, ...op.brIf(1)],
  ...[...op.get(L.target), ...op.get(L.k), ...op.add],
  ...[...op.get(L.target), ...op.get(L.k), ...op.add, ...op.loadF32],
  ...[...op.get(L.scale), ...op.get(L.source), ...op.get(L.k), ...op.add, ...op.loadF32, ...op.mulF32],
  ...op.addF32,
  ...op.storeF32,
  ...[...op.get(L.k), ...op.i32(4), ...op.add, ...op.set(L.k)],
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...[...op.get(L.e), ...op.i32(4), ...op.add, ...op.set(L.e)],
  ...op.br(0),
  ...op.end,
  ...op.end,
];

/** The module's bytes: one memory (exported) and one function `spmm`. */
export function spmmModuleBytes(): Uint8Array {
  const locals = vector([
    [6, I32],
    [1, F32],
    [1, V128],
  ]);
  const body = [...locals, ...spmmBody, ...op.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(new Array(7).fill([I32])), 0x00]])),
    ...section(3, vector([[0x00]])),
    ...section(5, vector([[0x00, 0x01]])),
    ...section(
      7,
      vector([
        [...name('memory'), 0x02, 0x00],
        [...name('spmm'), 0x00, 0x00],
      ]),
    ),
    ...section(10, vector([[...uleb(body.length), ...body]])),
  ]);
}

/** The part of the WebAssembly API used here (core compiles without the DOM library). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface SpmmModule {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  spmm: (rows: number, cols: number, values: number, x: number, out: number, edges: number, width: number) => void;
}

let instance: SpmmModule | null | undefined;
let enabled = globalThis.process?.env?.KG4REC_SIMD !== '0';

/**
 * Turns the SIMD loops on or off (default on; `KG4REC_SIMD=0` starts with them off): for tests
 * and benchmarks that compare them with the plain JS loops. Returns the previous setting.
 */
export function setSimdEnabled(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

function load(): SpmmModule | null {
  if (instance !== undefined) return instance;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    const bytes = spmmModuleBytes();
    instance = wasm?.validate(bytes) ? (new wasm.Instance(new wasm.Module(bytes)).exports as SpmmModule) : null;
  } catch {
    instance = null;
  }
  return instance;
}

/** True when this runtime runs the SIMD module (WebAssembly with 128-bit SIMD). */
export function simdAvailable(): boolean {
  return load() !== null;
}

const align16 = (bytes: number) => (bytes + 15) & ~15;

/**
 * `out = 0; out[rows[e]] += values[e] · x[cols[e]]` with SIMD, rows of `width` floats. Indices
 * must already be range-checked. Returns false (doing nothing) where SIMD is unavailable.
 */
export function simdSpmm(
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
  x: Float32Array,
  width: number,
  out: Float32Array,
): boolean {
  const module = enabled ? load() : null;
  if (!module) return false;
  const edges = rows.length;
  const layout = [edges * 4, edges * 4, edges * 4, x.length * 4, out.length * 4].map(align16);
  const needed = layout.reduce((a, b) => a + b, 0);
  const missing = needed - module.memory.buffer.byteLength;
  if (missing > 0) module.memory.grow(Math.ceil(missing / 65536));
  const buffer = module.memory.buffer;
  const [rowsAt, colsAt, valuesAt, xAt, outAt] = layout.reduce<number[]>((starts, _, i) => {
    starts.push(i === 0 ? 0 : (starts[i - 1] as number) + (layout[i - 1] as number));
    return starts;
  }, []) as [number, number, number, number, number];
  new Int32Array(buffer, rowsAt, edges).set(rows);
  new Int32Array(buffer, colsAt, edges).set(cols);
  new Float32Array(buffer, valuesAt, edges).set(values);
  new Float32Array(buffer, xAt, x.length).set(x);
  const result = new Float32Array(buffer, outAt, out.length);
  result.fill(0);
  module.spmm(rowsAt, colsAt, valuesAt, xAt, outAt, edges, width);
  out.set(result);
  return true;
}
