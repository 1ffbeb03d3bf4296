import { initBackend, Rng } from '@kg4rec/core';
import { assertNoTensorLeak, checkGradients, loadableBackends } from '@kg4rec/core/testing';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  aggregators,
  attentions,
  disposeGraph,
  knowledgeAwareAttention,
  Propagation,
  projectionSpace,
  propagateTogether,
  propagationGraph,
} from './index';

/** 3 nodes; edges given out of relation order: (1 ← 0, r1), (0 ← 1, r0), (0 ← 2, r0). */
function toyGraph() {
  return propagationGraph(Int32Array.from([1, 0, 0]), Int32Array.from([0, 1, 2]), Int32Array.from([1, 0, 0]), 3, 2);
}

function setIdentity(variables: tf.Variable[], weights: number[][]) {
  variables.forEach((variable, i) => {
    const values = i % 2 === 0 ? tf.tensor(weights[i / 2] as number[], variable.shape) : tf.zeros(variable.shape);
    variable.assign(values);
    values.dispose();
  });
}

describe.each(await loadableBackends())('gnn on %s', (backend) => {
  it('attention π = (W_r e_t)ᵀ tanh(W_r e_h + e_r), softmaxed per head (hand-computed)', async () => {
    await initBackend(backend);
    const graph = toyGraph();
    expect(Array.from(graph.relationOffsets)).toEqual([0, 2, 3]);
    const params = {
      entities: tf.tensor2d([1, 0, 0, 1, 1, 1], [3, 2]),
      relations: tf.tensor2d([1, 0, 1, 0], [2, 2]),
      projections: tf.tensor3d([1, 0, 0, 1, 2, 0, 0, 2], [2, 2, 2]),
    };
    const space = projectionSpace(params.relations, params.projections);
    const pi = assertNoTensorLeak(() => tf.tidy(() => Array.from(knowledgeAwareAttention(graph, params.entities, space).dataSync())));
    const viaPart = assertNoTensorLeak(() =>
      tf.tidy(() => Array.from(attentions.create('knowledge-aware').weights(graph, params.entities, space).dataSync())),
    );
    expect(viaPart).toEqual(pi);
    // head 0 (r0, W = I): tanh(W e_h + e_r) = tanh([2, 0]); tails [0, 1] and [1, 1] give logits 0 and
    // tanh(2), so π = σ(−tanh 2), σ(tanh 2). Head 1 has one edge: π = 1.
    const second = 1 / (1 + Math.exp(-Math.tanh(2)));
    expect(pi[0]).toBeCloseTo(1 - second, 5);
    expect(pi[1]).toBeCloseTo(second, 5);
    expect(pi[2]).toBeCloseTo(1, 5);
    tf.dispose(Object.values(params));
    disposeGraph(graph);
  });

  it('aggregators compute their formulas (hand-computed, identity weights, LeakyReLU 0.01)', async () => {
    await initBackend(backend);
    const self = tf.tensor2d([[1, -2]]);
    const neighbours = tf.tensor2d([[3, 1]]);
    const identity = [1, 0, 0, 1];
    const expected: Record<string, [number[][], number[]]> = {
      'bi-interaction': [
        [identity, identity],
        [4 + 3, -0.01 - 0.02],
      ], // sum [4, −1], product [3, −2]
      gcn: [[identity], [4, -0.01]],
      graphsage: [[[1, 0, 0, 1, 1, 0, 0, 1]], [4, -0.01]], // [1, −2, 3, 1] · W = [4, −1]
    };
    for (const [name, [weights, output]] of Object.entries(expected)) {
      const aggregator = aggregators.create(name, { inputDim: 2, outputDim: 2 });
      setIdentity(aggregator.variables, weights);
      const result = assertNoTensorLeak(() => tf.tidy(() => Array.from(aggregator.apply(self, neighbours).dataSync())));
      expect(result[0]).toBeCloseTo(output[0] as number, 5);
      expect(result[1]).toBeCloseTo(output[1] as number, 5);
      aggregator.dispose();
    }
    tf.dispose([self, neighbours]);
  });

  it("weights each head's edges of a relation 1/their number, KGAT's starting adjacency", () => {
    const graph = toyGraph();
    expect(Array.from(graph.relationWiseRandomWalk)).toEqual([0.5, 0.5, 1]);
    expect(Array.from(graph.relations.dataSync())).toEqual([0, 0, 1]);
    disposeGraph(graph);
  });

  it('propagation feeds each layer the unnormalised output and normalises only what it concatenates (KGAT)', async () => {
    await initBackend(backend);
    const graph = toyGraph();
    const x = tf.tensor2d(
      Float32Array.from({ length: 12 }, (_, i) => Math.sin(i + 1) * 3),
      [3, 4],
    );
    const pi = tf.tensor1d([1, 0.25, 0.75]);
    const [raw = [], normalised = []] = [false, true].map((normalize) => {
      const propagation = new Propagation({ inputDim: 4, layerDims: [4, 3], dropout: 0, normalize, seed: 5 });
      const layers = propagation.forwardLayers(x, graph, pi, true).map((t) => t.arraySync() as number[][]);
      propagation.dispose();
      return layers;
    });
    const unit = (row: number[]) => row.map((v) => v / Math.hypot(...row));
    for (const l of [1, 2]) {
      normalised[l]?.forEach((row, n) => {
        row.forEach((v, k) => {
          expect(v).toBeCloseTo(unit(raw[l]?.[n] as number[])[k] as number, 5);
        });
      });
    }
    expect(normalised[0]).toEqual(raw[0]);
    tf.dispose([x, pi]);
    disposeGraph(graph);
  });

  it('propagates two streams together exactly as each alone: values, dropout masks and gradients', async () => {
    await initBackend(backend);
    const graph = toyGraph();
    const pi = tf.tensor1d([0.25, 0.75, 1]);
    const inputs = [4, 3].map((width, k) => tf.variable(tf.randomNormal([3, width], 0, 1, 'float32', 11 + k) as tf.Tensor2D));
    const streams = () => [
      new Propagation({ inputDim: 4, layerDims: [4, 2], dropout: 0.5, seed: 21 }),
      new Propagation({ inputDim: 3, layerDims: [2, 2], aggregator: 'graphsage', dropout: 0.5, seed: 22 }),
    ];
    const run = (together: boolean) => {
      const propagations = streams();
      const loss = () => {
        const layers = together
          ? propagateTogether(propagations, inputs, graph, pi, true)
          : propagations.map((p, k) => p.forwardLayers(inputs[k] as tf.Tensor2D, graph, pi, true));
        return tf.sum(
          tf.concat(
            layers.map((l) => tf.sum(tf.mul(tf.concat(l, 1), tf.range(0, tf.concat(l, 1).shape[1] ?? 0)), 0)),
            0,
          ),
        ) as tf.Scalar;
      };
      const { value, grads } = tf.variableGrads(loss, [...inputs, ...propagations.flatMap((p) => p.variables)]);
      const result = [value, ...Object.values(grads)].map((t) => Array.from(t.dataSync()));
      tf.dispose([value, ...Object.values(grads)]);
      for (const p of propagations) p.dispose();
      return result;
    };
    const separate = run(false);
    const joint = assertNoTensorLeak(() => run(true));
    expect(joint).toEqual(separate);
    const [lone, other] = streams() as [Propagation, Propagation];
    expect(() => propagateTogether([lone], inputs, graph, pi, false)).toThrow('one embedding matrix per propagation');
    for (const p of [lone, other]) p.dispose();
    tf.dispose([...inputs, pi]);
    disposeGraph(graph);
  });

  it('Bi-Interaction gradients match finite differences', async () => {
    await initBackend(backend);
    const aggregator = aggregators.create('bi-interaction', { inputDim: 3, outputDim: 2, seed: 5 });
    const [w1, b1, w2, b2] = aggregator.variables.map((v) => Float64Array.from(v.dataSync()));
    const leaky = (x: number) => (x > 0 ? x : 0.01 * x);
    const rng = new Rng(6);
    const values = () => Float32Array.from({ length: 6 }, () => rng.normal());
    const report = checkGradients({
      op: (self, neighbours) => aggregator.apply(self as tf.Tensor2D, neighbours as tf.Tensor2D),
      reference: (self, neighbours) =>
        Float64Array.from({ length: 4 }, (_, cell) => {
          const [row, out] = [Math.floor(cell / 2), cell % 2];
          let sum = b1?.[out] as number;
          let product = b2?.[out] as number;
          for (let i = 0; i < 3; i++) {
            const [s, n] = [self[row * 3 + i] as number, neighbours[row * 3 + i] as number];
            sum += (s + n) * (w1?.[i * 2 + out] as number);
            product += s * n * (w2?.[i * 2 + out] as number);
          }
          return leaky(sum) + leaky(product);
        }),
      inputs: [
        { values: values(), shape: [2, 3] },
        { values: values(), shape: [2, 3] },
      ],
    });
    expect(report.maxForwardError).toBeLessThan(1e-5);
    expect(report.maxError).toBeLessThan(1e-3);
    aggregator.dispose();
  });

  it.each(['bi-interaction', 'gcn', 'graphsage'])(
    'propagates with %s: concatenated, normalised layers, no leak, trainable',
    async (name) => {
      await initBackend(backend);
      const graph = toyGraph();
      const propagation = new Propagation({ inputDim: 4, layerDims: [4, 2], aggregator: name, seed: 3 });
      const embeddings = tf.variable(tf.randomNormal([3, 4], 0, 1, 'float32', 7) as tf.Tensor2D);
      const pi = tf.tensor1d([0.25, 0.75, 1]);
      const output = assertNoTensorLeak(() => tf.tidy(() => propagation.forward(embeddings, graph, pi, false).arraySync() as number[][]));
      expect(output.map((row) => row.length)).toEqual([10, 10, 10]);
      for (const row of output) expect(Math.hypot(...row.slice(4, 8))).toBeCloseTo(1, 4);
      const optimizer = tf.train.adam(0.05);
      const loss = () => tf.tidy(() => tf.sum(tf.square(tf.sub(propagation.forward(embeddings, graph, pi, true), 0.3))) as tf.Scalar);
      const step = () => tf.tidy(() => optimizer.minimize(loss, true, [embeddings, ...propagation.variables])?.dataSync()[0] as number);
      const first = step();
      const before = tf.memory().numTensors;
      let last = first;
      for (let i = 0; i < 40; i++) last = step();
      expect(tf.memory().numTensors).toBe(before);
      expect(last).toBeLessThan(first);
      optimizer.dispose();
      tf.dispose([embeddings, pi]);
      propagation.dispose();
      disposeGraph(graph);
    },
  );
});

it('uniform attention gives each head 1/|N_h| on its edges', async () => {
  await initBackend('cpu');
  const graph = toyGraph();
  const pi = assertNoTensorLeak(() =>
    tf.tidy(() =>
      Array.from(
        attentions
          .create('uniform')
          .weights(graph, tf.zeros([3, 2]), projectionSpace(tf.zeros([2, 2]), tf.zeros([2, 2, 2])))
          .dataSync(),
      ),
    ),
  );
  expect(pi).toEqual([0.5, 0.5, 1]);
  disposeGraph(graph);
});

it('takes an aggregator as { name, options } or one instance per layer, and checks its options', async () => {
  await initBackend('cpu');
  const configured = new Propagation({ inputDim: 4, layerDims: [4, 2], aggregator: { name: 'gcn', options: { alpha: 0.2 } } });
  expect(configured.layers.map((l) => l.getConfig().options)).toEqual([
    { inputDim: 4, outputDim: 4, alpha: 0.2, seed: 2025 },
    { inputDim: 4, outputDim: 2, alpha: 0.2, seed: 2026 },
  ]);
  expect(configured.getConfig().options.aggregator).toEqual({ name: 'gcn', options: { alpha: 0.2 } });
  const own = configured.layers;
  const reused = new Propagation({ inputDim: 4, layerDims: [4, 2], aggregator: own });
  expect(reused.layers).toEqual(own);
  expect(reused.getConfig().options.aggregator).toEqual({ name: 'gcn', options: { alpha: 0.2 } });
  expect(() => new Propagation({ inputDim: 4, layerDims: [4], aggregator: own })).toThrow('2 aggregator instances for 1 layers');
  expect(() => new Propagation({ aggregator: { name: 'gcn', options: { alpah: 0.2 } } })).toThrow(
    'Unrecognized key: "alpah"; valid keys: inputDim, outputDim, alpha, seed',
  );
  expect(() => new Propagation({ layerDims: [] })).toThrow('layerDims');
  expect(() => new Propagation({ dropout: 1 })).toThrow('dropout');
  configured.dispose();
});

it('lists its aggregators and rejects an unknown one', () => {
  expect(aggregators.list()).toEqual(['bi-interaction', 'gcn', 'graphsage']);
  expect(() => new Propagation({ aggregator: 'gat' })).toThrow(
    "unknown aggregator 'gat': expected one of 'bi-interaction', 'gcn', 'graphsage'",
  );
});
