/**
 * Naive float64 references for kg4rec's kernels, written independently of the kernels (dense
 * matrices, per-segment scans) so that a shared mistake is unlikely. For tests only: quadratic.
 */

/** Σ of the rows of `x` (width `width`) per segment; negative ids dropped. */
export function referenceSegmentSum(x: Float64Array, ids: Float64Array, numSegments: number, width: number): Float64Array {
  const out = new Float64Array(numSegments * width);
  for (let s = 0; s < numSegments; s++) {
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] !== s) continue;
      for (let k = 0; k < width; k++) out[s * width + k] = (out[s * width + k] as number) + (x[i * width + k] as number);
    }
  }
  return out;
}

/** The dense `numRows × numCols` matrix with `values[e]` added at (rows[e], cols[e]). */
export function denseMatrix(rows: Float64Array, cols: Float64Array, values: Float64Array, numRows: number, numCols: number): Float64Array {
  const dense = new Float64Array(numRows * numCols);
  rows.forEach((r, e) => {
    dense[r * numCols + (cols[e] as number)] = (dense[r * numCols + (cols[e] as number)] as number) + (values[e] as number);
  });
  return dense;
}

/** Dense `a [n × m]` · `b [m × p]`. */
export function denseMatMul(a: Float64Array, b: Float64Array, n: number, m: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += (a[i * m + k] as number) * (b[k * p + j] as number);
      out[i * p + j] = sum;
    }
  }
  return out;
}

/** `aggregateNeighbours` as a dense product A·x. */
export function referenceSpmm(
  rows: Float64Array,
  cols: Float64Array,
  values: Float64Array,
  x: Float64Array,
  numRows: number,
  numCols: number,
): Float64Array {
  const width = x.length / numCols;
  return denseMatMul(denseMatrix(rows, cols, values, numRows, numCols), x, numRows, numCols, width);
}

/** `edgeDot`: ⟨a[rows[e]], b[cols[e]]⟩ per edge. */
export function referenceEdgeDot(rows: Float64Array, cols: Float64Array, a: Float64Array, b: Float64Array, width: number): Float64Array {
  return rows.map((r, e) => {
    let sum = 0;
    for (let k = 0; k < width; k++) sum += (a[r * width + k] as number) * (b[(cols[e] as number) * width + k] as number);
    return sum;
  });
}

/** `segmentSoftmax`, one segment at a time. */
export function referenceSegmentSoftmax(logits: Float64Array, ids: Float64Array, numSegments: number): Float64Array {
  const out = new Float64Array(logits.length);
  for (let s = 0; s < numSegments; s++) {
    const members = [...ids.keys()].filter((e) => ids[e] === s);
    const total = members.reduce((sum, e) => sum + Math.exp(logits[e] as number), 0);
    for (const e of members) out[e] = Math.exp(logits[e] as number) / total;
  }
  return out;
}

/** `projectByRelation`: x[i] · W[r_i] (or · W[r_i]ᵀ), with W [R, d, k] row-major. */
export function referenceRelationMatMul(
  x: Float64Array,
  w: Float64Array,
  relations: Float64Array,
  d: number,
  k: number,
  transposeW: boolean,
): Float64Array {
  const [inWidth, outWidth] = transposeW ? [k, d] : [d, k];
  const out = new Float64Array(relations.length * outWidth);
  relations.forEach((r, i) => {
    for (let o = 0; o < outWidth; o++) {
      let sum = 0;
      for (let p = 0; p < inWidth; p++) {
        const weight = transposeW ? w[r * d * k + o * k + p] : w[r * d * k + p * k + o];
        sum += (x[i * inWidth + p] as number) * (weight as number);
      }
      out[i * outWidth + o] = sum;
    }
  });
  return out;
}

/** `relationOuter`: Σ_{i: r_i = r} a[i]ᵀ b[i] into [R, d, k]. */
export function referenceRelationOuter(
  a: Float64Array,
  b: Float64Array,
  relations: Float64Array,
  numRelations: number,
  d: number,
  k: number,
) {
  const out = new Float64Array(numRelations * d * k);
  for (let r = 0; r < numRelations; r++) {
    relations.forEach((ri, i) => {
      if (ri !== r) return;
      for (let p = 0; p < d; p++) {
        for (let q = 0; q < k; q++)
          out[r * d * k + p * k + q] = (out[r * d * k + p * k + q] as number) + (a[i * d + p] as number) * (b[i * k + q] as number);
      }
    });
  }
  return out;
}
