/** Scales `row` in place to unit L2 norm (a zero row stays zero); returns it. */
export function l2Normalize(row: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += (row[i] as number) * (row[i] as number);
  if (sum === 0) return row;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < row.length; i++) row[i] = (row[i] as number) * scale;
  return row;
}

/** Dot product of two rows of one length. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
