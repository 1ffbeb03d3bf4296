/**
 * A modality's reduction (docs/method.md §1): `LeakyReLU(W_m c + b_m)` maps the features c of the
 * nodes that have them (512 for CLIP) to the model's width d. Shared by Multi-KG4Rec and the
 * MKGAT-style baseline, so that the two differ only in how they fuse modalities.
 */

import type { NodeFeatures } from '@kg4rec/core';
import { FixedRows, initTensor, Kg4recError, Rng } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { nodesWithFeatures } from './modal-entities';

let instances = 0;

/** Options of {@link FeatureReduction}. */
export interface ReductionOptions {
  /** Output width d. */
  dim: number;
  /** LeakyReLU's negative slope. */
  leakySlope: number;
  seed: number;
  /** Variable name prefix (numbered per instance: TensorFlow.js names are global). */
  name: string;
}

/** The reduction of one modality's features, over the nodes that have them. */
export class FeatureReduction {
  /** The nodes with features, in the order of the rows {@link apply} returns. */
  readonly owners: Int32Array;
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  private readonly features: FixedRows;

  constructor(
    features: NodeFeatures,
    readonly options: ReductionOptions,
  ) {
    this.owners = nodesWithFeatures(features);
    const rows = new Float32Array(this.owners.length * features.dim);
    this.owners.forEach((node, r) => {
      rows.set(features.values.subarray(node * features.dim, (node + 1) * features.dim), r * features.dim);
    });
    const id = instances++;
    this.features = new FixedRows(tf.tensor2d(rows, [this.owners.length, features.dim]));
    this.weight = tf.tidy(() =>
      tf.variable(initTensor([features.dim, options.dim], 'xavierUniform', new Rng(options.seed)), true, `${options.name}.w_${id}`),
    );
    this.bias = tf.tidy(() => tf.variable(tf.zeros([options.dim]), true, `${options.name}.b_${id}`));
  }

  get variables(): tf.Variable[] {
    return [this.weight, this.bias];
  }

  /** Width of the features it reduces. */
  get inputDim(): number {
    return this.weight.shape[0] as number;
  }

  /** The reduced rows `[owners, d]`. */
  apply(): tf.Tensor2D {
    return tf.tidy(() => this.activate(this.features.times(this.weight as tf.Tensor2D)));
  }

  /**
   * The reduction of feature rows that no owner holds (items added after training) `[rows, d]`,
   * from `values` row-major `[rows × inputDim]`; `what` names them in an error.
   */
  applyToValues(values: Float32Array, what: string): tf.Tensor2D {
    if (values.length % this.inputDim !== 0)
      throw new Kg4recError(
        'SHAPE_MISMATCH',
        `${what}: ${values.length} values are not whole rows of ${this.inputDim} (the width the model was trained with)`,
      );
    return tf.tidy(() => this.activate(tf.matMul(tf.tensor2d(values, [values.length / this.inputDim, this.inputDim]), this.weight)));
  }

  private activate(product: tf.Tensor2D): tf.Tensor2D {
    return tf.leakyRelu(tf.add(product, this.bias) as tf.Tensor2D, this.options.leakySlope);
  }

  /** The reduced rows of the owners at `rows` (indices into {@link owners}, repeats allowed) `[rows, d]`. */
  applyRows(rows: Int32Array): tf.Tensor2D {
    return tf.tidy(() => {
      return this.activate(this.features.rowsTimes(tf.tensor1d(rows, 'int32'), this.weight as tf.Tensor2D));
    });
  }

  dispose(): void {
    this.features.dispose();
    tf.dispose(this.variables);
  }
}
