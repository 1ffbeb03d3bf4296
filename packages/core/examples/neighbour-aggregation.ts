import { aggregateNeighbours, edgeDot, edgeIndex, initBackend, initTensor, Rng, segmentSoftmax } from '@kg4rec/core';
import type * as tf from '@tensorflow/tfjs';

const backend = await initBackend('auto'); // e.g. { name: 'wasm', reason: 'fastest that loads: …' }
const rng = new Rng(2025);
// 4 nodes; edge e sends node cols[e]'s embedding to node rows[e] (head ← tail).
const index = edgeIndex([0, 0, 1, 2, 3], [1, 2, 0, 3, 2], 4, 4);
const e = initTensor([4, 8], 'xavierUniform', rng) as tf.Tensor2D;
const pi = segmentSoftmax(edgeDot(index, e, e), index.rows, 4); // attention over each ego-network
const neighbours = aggregateNeighbours(index, pi, e); // e_{N_h} = Σ π(h,r,t) e_t, [4, 8]
console.log(backend.name, neighbours.shape);
