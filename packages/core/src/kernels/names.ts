/** Sparse × dense aggregation `out[rows[e]] += values[e] · x[cols[e]]`. Attrs: {@link SpmmAttrs}. */
export const SPMM = 'Kg4recSpmm';
/** Per-edge dot product `out[e] = ⟨a[rows[e]], b[cols[e]]⟩`. No attrs. */
export const EDGE_DOT = 'Kg4recEdgeDot';
/** Softmax of per-edge logits within each segment (a node's neighbourhood). Attrs: {@link SegmentAttrs}. */
export const SEGMENT_SOFTMAX = 'Kg4recSegmentSoftmax';
/**
 * Per-row product with a relation's matrix `out[i] = x[i] · W[relations[i]]` (W [R, d, k]; with
 * `transposeW`, `x[i] · W[relations[i]]ᵀ`). Attrs: {@link RelationMatMulAttrs}.
 */
export const RELATION_MATMUL = 'Kg4recRelationMatMul';
/** Per-relation sum of outer products `out[r] = Σ_{i: relations[i] = r} a[i]ᵀ b[i]` (the gradient of W). Attrs: {@link RelationOuterAttrs}. */
export const RELATION_OUTER = 'Kg4recRelationOuter';
/** Inverted dropout with a counter-based mask, `out[i] = keep(seed, i) ? x[i] / (1 − rate) : 0`. Attrs: {@link DropoutAttrs}. */
export const DROPOUT = 'Kg4recDropout';
/**
 * One Adam step of one variable in one pass: inputs `value`, `m`, `v`, `gradient`; outputs the
 * new value, m and v. Attrs: {@link AdamUpdateAttrs}.
 */
export const ADAM_UPDATE = 'Kg4recAdamUpdate';
/** TensorFlow's own kernel name, replaced on `cpu` and `wasm` by block copies (float32, int32). */
export const SPLIT = 'SplitV';
/** TensorFlow's own kernel name, replaced on `cpu` and `wasm` by a row copy for axis-0 gathers. */
export const GATHER = 'GatherV2';
/** TensorFlow's own kernel name, replaced on `wasm` by one that shares memory instead of copying. */
export const IDENTITY = 'Identity';
/** TensorFlow's own kernel name, filled in for `wasm` and replaced by a linear one on `cpu`. */
export const UNSORTED_SEGMENT_SUM = 'UnsortedSegmentSum';

/** Attributes of the {@link SPMM} kernel. */
export interface SpmmAttrs {
  /** Rows of the output (the sparse matrix's row count). */
  numRows: number;
}

/** Attributes of the segment kernels. */
export interface SegmentAttrs {
  /** Number of segments (rows of the output for a sum, nodes for a softmax). */
  numSegments: number;
}

/** Attributes of the {@link RELATION_MATMUL} kernel. */
export interface RelationMatMulAttrs {
  /** Multiply by each W_r transposed ([k, d] instead of [d, k]). */
  transposeW: boolean;
}

/** Attributes of the {@link RELATION_OUTER} kernel. */
export interface RelationOuterAttrs {
  /** Number of relations R (leading size of the output). */
  numRelations: number;
}

/** Attributes of the {@link DROPOUT} kernel. */
export interface DropoutAttrs {
  /** Probability of zeroing an entry, in [0, 1). */
  rate: number;
  /** 32-bit seed of the mask; the same seed gives the same mask (the gradient relies on it). */
  seed: number;
}

/** Attributes of the {@link ADAM_UPDATE} kernel (tfjs's `AdamOptimizer` arithmetic). */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ for this step t (the bias corrections). */
  firstCorrection: number;
  secondCorrection: number;
}
