/**
 * TransE (Bordes et al., NeurIPS 2013) through the same interface and loss as TransR:
 *   g(h, r, t) = ‖e_h + e_r − e_t‖²₂,  L_KG = mean −ln σ(g(h, r, t′) − g(h, r, t)) + λ · L2.
 * Relations live in the entity space (`relationDim` is ignored).
 */
import type { KgEmbedding, KgTripleBatch, PartConfig } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { meanHalfSquaredNorms, pairwiseKgLoss, translationDistance } from './distance';
import { initRng, TRANSLATIONAL_DEFAULTS, type TranslationalOptions, xavierVariable } from './embedding-options';

/** The TransE KG embedding. */
export class TransE implements KgEmbedding {
  readonly options: TranslationalOptions;
  readonly entityEmbeddings: tf.Variable;
  readonly relationEmbeddings: tf.Variable;

  constructor(options: Partial<TranslationalOptions> & Pick<TranslationalOptions, 'numEntities' | 'numRelations'>) {
    this.options = { ...TRANSLATIONAL_DEFAULTS, ...options };
    const rng = initRng(this.options.seed);
    this.entityEmbeddings = xavierVariable([this.options.numEntities, this.options.entityDim], rng, 'transe_entities');
    this.relationEmbeddings = xavierVariable([this.options.numRelations, this.options.entityDim], rng, 'transe_relations');
  }

  get variables(): tf.Variable[] {
    return [this.entityEmbeddings, this.relationEmbeddings];
  }

  private rows(table: tf.Variable, ids: tf.Tensor1D): tf.Tensor2D {
    return tf.gather(table, ids) as tf.Tensor2D;
  }

  score(heads: tf.Tensor1D, relations: tf.Tensor1D, tails: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() =>
      translationDistance(
        this.rows(this.entityEmbeddings, heads),
        this.rows(this.relationEmbeddings, relations),
        this.rows(this.entityEmbeddings, tails),
      ),
    );
  }

  loss(batch: KgTripleBatch): tf.Scalar {
    return tf.tidy(() => {
      const [head, relation, tail, negative] = [
        this.rows(this.entityEmbeddings, batch.heads),
        this.rows(this.relationEmbeddings, batch.relations),
        this.rows(this.entityEmbeddings, batch.tails),
        this.rows(this.entityEmbeddings, batch.negativeTails),
      ];
      const kg = pairwiseKgLoss(translationDistance(head, relation, tail), translationDistance(head, relation, negative));
      return tf.add(kg, tf.mul(this.options.l2, meanHalfSquaredNorms([head, relation, tail, negative]))) as tf.Scalar;
    });
  }

  getConfig(): PartConfig {
    return { name: 'transe', options: { ...this.options } };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
