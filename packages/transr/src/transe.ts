/**
 * TransE (Bordes et al., NeurIPS 2013) through the same interface and loss as TransR:
 *   g(h, r, t) = ‖e_h + e_r − e_t‖²₂,  L_KG = mean −ln σ(g(h, r, t′) − g(h, r, t)) + λ · L2.
 * Relations live in the entity space (`relationDim` is ignored).
 */
import { type KgEmbedding, type KgTripleBatch, type PartConfig, partOptions } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { meanHalfSquaredNorms, pairwiseKgLoss, translationDistance } from './distance';
import { initRng, TRANSLATIONAL_DEFAULTS, TRANSLATIONAL_OPTIONS, type TranslationalOptions, xavierVariable } from './embedding-options';

/** The TransE KG embedding. */
export class TransE implements KgEmbedding {
  readonly options: TranslationalOptions;
  readonly entityEmbeddings: tf.Variable;
  readonly relationEmbeddings: tf.Variable;

  constructor(options: Partial<TranslationalOptions> & Pick<TranslationalOptions, 'numEntities' | 'numRelations'>) {
    this.options = partOptions(TRANSLATIONAL_OPTIONS, TRANSLATIONAL_DEFAULTS, options, 'transe options');
    const rng = initRng(this.options.seed);
    this.entityEmbeddings = xavierVariable([this.options.numEntities, this.options.entityDim], rng, 'transe_entities');
    this.relationEmbeddings = xavierVariable([this.options.numRelations, this.options.entityDim], rng, 'transe_relations');
  }

  get variables(): tf.Variable[] {
    return [this.entityEmbeddings, this.relationEmbeddings];
  }

  private rows(table: tf.Tensor, ids: tf.Tensor1D): tf.Tensor2D {
    return tf.gather(table, ids) as tf.Tensor2D;
  }

  /** Relations live in the entity space: the rows as they are. */
  project(rows: tf.Tensor2D): tf.Tensor2D {
    return rows;
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

  /** L_KG of a batch; `entities` replaces the entity table (see core's `KgEmbedding.loss`). */
  loss(batch: KgTripleBatch, entities: tf.Tensor2D = this.entityEmbeddings as tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const [head, relation, tail, negative] = [
        this.rows(entities, batch.heads),
        this.rows(this.relationEmbeddings, batch.relations),
        this.rows(entities, batch.tails),
        this.rows(entities, batch.negativeTails),
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
