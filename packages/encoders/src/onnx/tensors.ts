/** Element types kg4rec feeds to or reads from ONNX models. */
export type ElementType = 'float32' | 'float16' | 'int32' | 'int64' | (string & {});

/** What a model says about one of its inputs or outputs. */
export interface TensorSpec {
  name: string;
  type: ElementType;
  /** Dimensions: a number where fixed, a name (e.g. `batch_size`) where symbolic. */
  shape: readonly (number | string)[];
}

/** A tensor handed to or returned by a session. */
export interface HostTensor {
  type: ElementType;
  data: Float32Array | Uint16Array | Int32Array | BigInt64Array;
  dims: readonly number[];
}

/** `int64 [batch_size, 77]`. */
export function describeSpec(spec: Pick<TensorSpec, 'type' | 'shape'>): string {
  return `${spec.type} [${spec.shape.join(', ')}]`;
}

/** Where each fed tensor must agree with the model's input: names, types, ranks, fixed dims. */
export function feedProblems(inputs: readonly TensorSpec[], feeds: Readonly<Record<string, HostTensor>>): string[] {
  const problems: string[] = [];
  for (const spec of inputs) {
    const feed = feeds[spec.name];
    if (!feed) {
      problems.push(`input '${spec.name}' expected ${describeSpec(spec)}, but kg4rec has no value for it`);
      continue;
    }
    const rankOk = spec.shape.length === 0 || spec.shape.length === feed.dims.length;
    const dimsOk = rankOk && spec.shape.every((d, i) => typeof d !== 'number' || d < 0 || d === feed.dims[i]);
    if (feed.type !== spec.type || !rankOk || !dimsOk) {
      problems.push(`input '${spec.name}' expected ${describeSpec(spec)}, got ${describeSpec({ type: feed.type, shape: feed.dims })}`);
    }
  }
  const known = new Set(inputs.map((s) => s.name));
  for (const name of Object.keys(feeds))
    if (!known.has(name)) problems.push(`the model has no input '${name}' (its inputs: ${inputs.map((s) => s.name).join(', ')})`);
  return problems;
}

/** IEEE half-precision bits of each float (round to nearest even). */
export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i] as number;
    const x = u32[0] as number;
    const sign = (x >>> 16) & 0x8000;
    const exponent = ((x >>> 23) & 0xff) - 127 + 15;
    const mantissa = x & 0x7fffff;
    if (((x >>> 23) & 0xff) === 0xff) out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0);
    else if (exponent >= 0x1f) out[i] = sign | 0x7c00;
    else if (exponent <= 0) {
      if (exponent < -10) out[i] = sign;
      else {
        const m = mantissa | 0x800000;
        const shift = 14 - exponent;
        let half = m >>> shift;
        const rest = m & ((1 << shift) - 1);
        const halfway = 1 << (shift - 1);
        if (rest > halfway || (rest === halfway && half & 1)) half++;
        out[i] = sign | half;
      }
    } else {
      let half = (exponent << 10) | (mantissa >>> 13);
      const rest = mantissa & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
      out[i] = sign | half;
    }
  }
  return out;
}

/** Floats from IEEE half-precision bits. */
export function fromFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i] as number;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >>> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (mantissa / 1024);
    else if (exponent === 0x1f) out[i] = mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
  }
  return out;
}
