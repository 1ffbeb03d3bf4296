/**
 * Every item's fused representation as of the last refresh, for Multi-KG4Rec: scoring reads it,
 * and a CF step reads it for every item but the few it fuses fresh (with gradients). Rebuilt a
 * chunk of items at a time, without gradients.
 */
import { type CfTripleBatch, Kg4recError } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';

/** Items per chunk when the cache is rebuilt. */
const CACHE_CHUNK = 256;

/**
 * The batch's distinct items, at most `cap`, taken pair by pair (positive k, negative k, …): the
 * fusion learns from the BPR loss only through fresh rows, and with positives alone it has no
 * reason to tell items apart.
 */
export function batchItems(batch: CfTripleBatch, cap: number): Int32Array {
  const chosen = new Set<number>();
  const positives = batch.ids?.positives ?? batch.positives.dataSync();
  const negatives = batch.ids?.negatives ?? batch.negatives.dataSync();
  for (let k = 0; k < positives.length && chosen.size < cap; k++) {
    chosen.add(positives[k] as number);
    if (chosen.size < cap) chosen.add(negatives[k] as number);
  }
  return Int32Array.from(chosen);
}

/** The fused [visual, text] rows of every item, in item order. */
export class FusionCache {
  private rows: [tf.Tensor2D, tf.Tensor2D] | undefined;

  constructor(private readonly numItems: number) {}

  /** The cached rows; call {@link rebuild} first. */
  get current(): [tf.Tensor2D, tf.Tensor2D] {
    if (!this.rows) throw new Kg4recError('INTERNAL', 'FusionCache: read before the first rebuild');
    return this.rows;
  }

  /** Recomputes every item's rows with `fuse` (called inside a tidy per chunk of items). */
  rebuild(fuse: (items: Int32Array) => tf.Tensor2D[]): void {
    const chunks: tf.Tensor2D[][] = [];
    for (let start = 0; start < this.numItems; start += CACHE_CHUNK) {
      const items = Int32Array.from({ length: Math.min(CACHE_CHUNK, this.numItems - start) }, (_, k) => start + k);
      chunks.push(tf.tidy(() => fuse(items)));
    }
    const fresh = tf.tidy(() =>
      [0, 1].map((m) =>
        tf.concat(
          chunks.map((c) => c[m] as tf.Tensor2D),
          0,
        ),
      ),
    ) as [tf.Tensor2D, tf.Tensor2D];
    tf.dispose([...chunks.flat(), ...(this.rows ?? [])]);
    this.rows = fresh;
  }

  /** Item rows from the cache, except `items`, whose rows are `fused` (fused now, with gradients). */
  withFresh(items: Int32Array, fused: readonly tf.Tensor2D[]): tf.Tensor2D[] {
    const source = Int32Array.from({ length: this.numItems }, (_, i) => i);
    items.forEach((item, k) => {
      source[item] = this.numItems + k;
    });
    const index = tf.tensor1d(source, 'int32');
    return this.current.map((rows, m) => tf.gather(tf.concat([rows, fused[m] as tf.Tensor2D], 0), index) as tf.Tensor2D);
  }

  dispose(): void {
    tf.dispose(this.rows ?? []);
    this.rows = undefined;
  }
}
