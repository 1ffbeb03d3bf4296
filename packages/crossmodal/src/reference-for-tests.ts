/**
 * A float64 reference of the Bi-Transformer written with loops, independent of the tensor code,
 * for the tests: same formulas (docs/method.md §3), same weights.
 */
import type { BiTransformer, FusionDirection } from './bi-transformer';
import { SIDE_PARAM_NAMES } from './params';

type Matrix = number[][];
type Side = Record<(typeof SIDE_PARAM_NAMES)[number], Matrix | number[]>;

/** The weights of a model as nested arrays, block by block. */
export function referenceWeights(model: BiTransformer): { visual: Side; text: Side }[] {
  const values = model.variables.map((v) => v.arraySync() as Matrix | number[]);
  const per = SIDE_PARAM_NAMES.length;
  const side = (offset: number) => Object.fromEntries(SIDE_PARAM_NAMES.map((name, i) => [name, values[offset + i]])) as Side;
  return Array.from({ length: values.length / (2 * per) }, (_, b) => ({ visual: side(2 * b * per), text: side((2 * b + 1) * per) }));
}

const matmul = (a: Matrix, w: Matrix): Matrix =>
  a.map((row) => (w[0] as number[]).map((_, j) => row.reduce((sum, x, k) => sum + x * ((w[k] as number[])[j] as number), 0)));
const addRows = (a: Matrix, b: Matrix) => a.map((row, i) => row.map((x, j) => x + ((b[i] as number[])[j] as number)));

function layerNorm(x: Matrix, gamma: number[], beta: number[], epsilon: number): Matrix {
  return x.map((row) => {
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length;
    return row.map((v, j) => ((v - mean) / Math.sqrt(variance + epsilon)) * (gamma[j] as number) + (beta[j] as number));
  });
}

function attend(q: Matrix, k: Matrix, v: Matrix, keyMask: number[], heads: number): { out: Matrix; weights: number[][][] } {
  const dim = (q[0] as number[]).length;
  const headDim = dim / heads;
  const out = q.map(() => new Array(dim).fill(0));
  const weights: number[][][] = [];
  for (let h = 0; h < heads; h++) {
    const cols = Array.from({ length: headDim }, (_, c) => h * headDim + c);
    const headWeights = q.map((qi, i) => {
      const scores = k.map((kj, j) =>
        keyMask[j] ? cols.reduce((s, c) => s + (qi[c] as number) * (kj[c] as number), 0) / Math.sqrt(headDim) : Number.NEGATIVE_INFINITY,
      );
      const max = Math.max(...scores);
      const exp = scores.map((s) => (s === Number.NEGATIVE_INFINITY ? 0 : Math.exp(s - max)));
      const total = exp.reduce((a, b) => a + b, 0);
      const p = exp.map((e) => e / total);
      for (const c of cols) (out[i] as number[])[c] = p.reduce((s, pj, j) => s + pj * ((v[j] as number[])[c] as number), 0);
      return p;
    });
    weights.push(headWeights);
  }
  return { out, weights };
}

function side(x: Matrix, p: Side, keys: Matrix, values: Matrix, keyMask: number[], heads: number, epsilon: number) {
  const { out, weights } = attend(matmul(x, p.wq as Matrix), keys, values, keyMask, heads);
  const a = layerNorm(addRows(x, matmul(out, p.wo as Matrix)), p.ln1Gamma as number[], p.ln1Beta as number[], epsilon);
  const hidden = matmul(a, p.w1 as Matrix).map((row) => row.map((v, j) => Math.max(0, v + ((p.b1 as number[])[j] as number))));
  const fed = matmul(hidden, p.w2 as Matrix).map((row) => row.map((v, j) => v + ((p.b2 as number[])[j] as number)));
  return { y: layerNorm(addRows(a, fed), p.ln2Gamma as number[], p.ln2Beta as number[], epsilon), weights };
}

/** One sequence through the reference: outputs of both streams and per-block weights. */
export function referenceForward(
  blocks: { visual: Side; text: Side }[],
  visual: Matrix,
  text: Matrix,
  mask: number[],
  options: { direction: FusionDirection; heads: number; epsilon: number },
) {
  const crossV = options.direction === 'both' || options.direction === 'v2t';
  const crossT = options.direction === 'both' || options.direction === 't2v';
  let v = visual;
  let t = text;
  const attention: { visual: number[][][]; text: number[][][] }[] = [];
  for (const block of blocks) {
    const kv = matmul(v, block.visual.wk as Matrix);
    const vv = matmul(v, block.visual.wv as Matrix);
    const kt = matmul(t, block.text.wk as Matrix);
    const vt = matmul(t, block.text.wv as Matrix);
    const sv = side(
      v,
      block.visual,
      crossV ? [...kv, ...kt] : kv,
      crossV ? [...vv, ...vt] : vv,
      crossV ? [...mask, ...mask] : mask,
      options.heads,
      options.epsilon,
    );
    const st = side(
      t,
      block.text,
      crossT ? [...kt, ...kv] : kt,
      crossT ? [...vt, ...vv] : vt,
      crossT ? [...mask, ...mask] : mask,
      options.heads,
      options.epsilon,
    );
    attention.push({ visual: sv.weights, text: st.weights });
    v = sv.y;
    t = st.y;
  }
  return { visual: v, text: t, attention };
}
