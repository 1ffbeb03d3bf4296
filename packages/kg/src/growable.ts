type NumericArray = Int32Array | Float64Array;

/** An append-only numeric column that doubles its capacity as it grows. */
export class Column<A extends NumericArray> {
  private data: A;
  length = 0;

  constructor(private readonly allocate: (size: number) => A) {
    this.data = allocate(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.allocate(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** A copy trimmed to the values pushed. */
  toArray(): A {
    return this.data.slice(0, this.length) as A;
  }
}

/** A new Int32 column (ids). */
export const int32Column = () => new Column((size) => new Int32Array(size));
/** A new Float64 column (ratings, timestamps; NaN where absent). */
export const float64Column = () => new Column((size) => new Float64Array(size));
