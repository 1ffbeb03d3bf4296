/**
 * TransR (Lin et al., AAAI 2015), as Multi-KG4Rec and KGAT use it (docs/method.md §2):
 *   g(h, r, t) = ‖W_r e_h + e_r − W_r e_t‖²₂,  L_KG = mean −ln σ(g(h, r, t′) − g(h, r, t))
 *   + λ · (‖W_r e_h‖² + ‖e_r‖² + ‖W_r e_t‖² + ‖W_r e_t′‖²) / 2 averaged over the batch (KGAT's L2).
 * Entities live in R^d, relations in R^k, and each relation projects entities with W_r ∈ R^{d×k}.
 */
import { type KgEmbedding, type KgTripleBatch, type PartConfig, partOptions, projectByRelation } from '@kg4rec/core';
import * as tf from '@tensorflow/tfjs';
import { meanHalfSquaredNorms, pairwiseKgLoss, translationDistance } from './distance';
import { initRng, TRANSLATIONAL_DEFAULTS, TRANSLATIONAL_OPTIONS, type TranslationalOptions, xavierVariable } from './embedding-options';

/** The TransR KG embedding. */
export class TransR implements KgEmbedding {
  readonly options: TranslationalOptions;
  readonly entityEmbeddings: tf.Variable;
  readonly relationEmbeddings: tf.Variable;
  /** W_r for every relation, [numRelations, d, k]. */
  readonly projections: tf.Variable;

  constructor(options: Partial<TranslationalOptions> & Pick<TranslationalOptions, 'numEntities' | 'numRelations'>) {
    this.options = partOptions(TRANSLATIONAL_OPTIONS, TRANSLATIONAL_DEFAULTS, options, 'transr options');
    const { numEntities, numRelations, entityDim, relationDim, seed } = this.options;
    const rng = initRng(seed);
    this.entityEmbeddings = xavierVariable([numEntities, entityDim], rng, 'transr_entities');
    this.relationEmbeddings = xavierVariable([numRelations, relationDim], rng, 'transr_relations');
    this.projections = xavierVariable([numRelations, entityDim, relationDim], rng, 'transr_projections');
  }

  get variables(): tf.Variable[] {
    return [this.entityEmbeddings, this.relationEmbeddings, this.projections];
  }

  /** W_r e for each row: entity rows in `relation`'s space, [n, d] → [n, k]. */
  project(rows: tf.Tensor2D, relation: number): tf.Tensor2D {
    return tf.tidy(() => {
      const W = tf.squeeze(tf.slice(this.projections, [relation, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
      return tf.matMul(rows, W);
    });
  }

  /** W_r e_h, e_r and W_r e_t rows for a batch (core's fused `projectByRelation`: no [B, d, k] gather). */
  private projected(heads: tf.Tensor1D, relations: tf.Tensor1D, tails: tf.Tensor1D, entities: tf.Tensor2D) {
    const project = (ids: tf.Tensor1D) =>
      projectByRelation(tf.gather(entities, ids) as tf.Tensor2D, this.projections as tf.Tensor3D, relations);
    return { head: project(heads), relation: tf.gather(this.relationEmbeddings, relations) as tf.Tensor2D, tail: project(tails) };
  }

  score(heads: tf.Tensor1D, relations: tf.Tensor1D, tails: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => {
      const p = this.projected(heads, relations, tails, this.entityEmbeddings as tf.Tensor2D);
      return translationDistance(p.head, p.relation, p.tail);
    });
  }

  /**
   * L_KG of a batch. `entities` replaces the entity table (same width, any number of rows): a
   * model whose entities are partly computed (MKGAT's image and text entities, encoded from
   * features) scores its triples with the table it built, and the gradient reaches what built it.
   */
  loss(batch: KgTripleBatch, entities: tf.Tensor2D = this.entityEmbeddings as tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const positive = this.projected(batch.heads, batch.relations, batch.tails, entities);
      const negativeTail = this.projected(batch.heads, batch.relations, batch.negativeTails, entities).tail;
      const kg = pairwiseKgLoss(
        translationDistance(positive.head, positive.relation, positive.tail),
        translationDistance(positive.head, positive.relation, negativeTail),
      );
      const l2 = meanHalfSquaredNorms([positive.head, positive.relation, positive.tail, negativeTail]);
      return tf.add(kg, tf.mul(this.options.l2, l2)) as tf.Scalar;
    });
  }

  getConfig(): PartConfig {
    return { name: 'transr', options: { ...this.options } };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
