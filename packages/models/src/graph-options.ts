/** Options every KGAT-family model here shares: TransR sizes, propagation, losses, seed. */
export interface GraphModelOptions {
  /** Entity (and user) embedding size d. Default 64. */
  dim: number;
  /** Relation embedding size k. Default 64. */
  relationDim: number;
  /** Output sizes of the propagation layers. Default [64, 32, 16]. */
  layerDims: number[];
  /** A `@kg4rec/gnn` aggregator name. */
  aggregator: string;
  /** Message dropout of the propagation. Default 0.1. */
  dropout: number;
  /** L2 weight of the CF loss. Default 1e-5. */
  l2: number;
  /** L2 weight of the KG loss. Default 1e-5. */
  kgL2: number;
  seed: number;
}

/** The defaults of {@link GraphModelOptions} but the aggregator (KGAT's settings). */
export const GRAPH_MODEL_DEFAULTS: Omit<GraphModelOptions, 'aggregator'> = {
  dim: 64,
  relationDim: 64,
  layerDims: [64, 32, 16],
  dropout: 0.1,
  l2: 1e-5,
  kgL2: 1e-5,
  seed: 2025,
};
