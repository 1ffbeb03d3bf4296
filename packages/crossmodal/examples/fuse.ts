import { initBackend } from '@kg4rec/core';
import { BiTransformer } from '@kg4rec/crossmodal';
import * as tf from '@tensorflow/tfjs';

await initBackend('auto');
const fusion = new BiTransformer({ dim: 64, heads: 8, blocks: 3, direction: 'both' });
// Two items' neighbour sequences of 5 entities (the item first); the second has 2 padded slots.
const visual = tf.randomNormal([2, 5, 64]) as tf.Tensor3D;
const text = tf.randomNormal([2, 5, 64]) as tf.Tensor3D;
const mask = tf.tensor2d([
  [1, 1, 1, 1, 1],
  [1, 1, 1, 0, 0],
]);
const fused = fusion.fuse(visual, text, mask); // position 0 of each stream: [2, 64] each
const { attention } = fusion.forward(visual, text, mask, { attention: true });
console.log(fused.visual.shape, fused.text.shape, attention?.[0]?.visual.shape);
