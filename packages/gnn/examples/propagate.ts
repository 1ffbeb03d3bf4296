import { initBackend } from '@kg4rec/core';
import { attentions, Propagation, projectionSpace, propagationGraph } from '@kg4rec/gnn';
import * as tf from '@tensorflow/tfjs';

await initBackend('auto');
// Edges head ← tail with their relation (e.g. from @kg4rec/kg's buildCollaborativeKg + edgeHeads).
const graph = propagationGraph(Int32Array.from([0, 0, 1]), Int32Array.from([1, 2, 0]), Int32Array.from([0, 0, 1]), 3, 2);
const entities = tf.randomNormal([3, 8]) as tf.Tensor2D;
// A KG embedding is a relation space (TransR's e_r and W_r); raw tensors make one too.
const space = projectionSpace(tf.randomNormal([2, 4]) as tf.Tensor2D, tf.randomNormal([2, 8, 4]) as tf.Tensor3D);
const pi = attentions.create('knowledge-aware').weights(graph, entities, space); // sums to 1 over each head's edges
const propagation = new Propagation({ inputDim: 8, layerDims: [8, 4], aggregator: { name: 'gcn', options: { alpha: 0.2 } } });
console.log(propagation.forward(entities, graph, pi, false).shape); // [3, 20]
