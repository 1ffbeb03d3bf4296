/**
 * Forward + backward time of knowledge-aware neighbour aggregation (e_{N_h} = Σ π(h,r,t) e_t) on a
 * graph the size of MovieLens-1M's collaborative KG, per backend: kg4rec's fused kernel against the
 * stock-op composite (gather → multiply → UnsortedSegmentSum). Prints a markdown table.
 *
 *   pnpm bench                       # from the repo root, every package's benchmarks
 *   KG4REC_BENCH_REPEATS=5 pnpm --filter @kg4rec/core bench
 */
import * as tf from '@tensorflow/tfjs';
import {
  aggregateNeighbours,
  type EdgeIndex,
  edgeIndex,
  initBackend,
  Rng,
  stockKernel,
  UNSORTED_SEGMENT_SUM,
  withStockKernel,
} from '../src/index';
import { loadableBackends } from '../src/testing/index';
import { ml1mSizedGraph, type Workload } from './ckg-workload';

const DIMS = 64;
const REPEATS = Number(process.env.KG4REC_BENCH_REPEATS ?? 3);
/**
 * The stock cpu UnsortedSegmentSum costs edges × segments × dims (measured here: 10.5 s for one
 * forward pass at 1/128 scale, so about two days at full scale): it is measured on a graph scaled
 * down 256× in nodes and edges, beside the fused kernel on the same graph.
 */
const STOCK_CPU_FRACTION = 1 / 256;
/** Composites of stock ops take 8–18 s a forward pass at full scale: one run each, no warm-up. */
const SLOW = { repeats: 1, warmUp: false };

type Aggregate = (index: EdgeIndex, values: tf.Tensor1D, x: tf.Tensor2D) => tf.Tensor2D;

const fused: Aggregate = aggregateNeighbours;
const composite: Aggregate = (index, values, x) =>
  tf.unsortedSegmentSum(tf.mul(tf.gather(x, index.cols), tf.expandDims(values, 1)), index.rows, index.numRows) as tf.Tensor2D;

interface Timing {
  repeats: number;
  warmUp: boolean;
}

interface Row {
  backend: string;
  variant: string;
  edges: number;
  nodes: number;
  forwardMs: number;
  backwardMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Times forward alone, then forward + backward; backward = the difference. Results are read back to force completion. */
async function timeAggregate(aggregate: Aggregate, graph: Workload, { repeats, warmUp }: Timing) {
  const rng = new Rng(5);
  const index = edgeIndex(graph.rows, graph.cols, graph.numNodes, graph.numNodes);
  const values = tf.tensor1d(Float32Array.from({ length: graph.rows.length }, () => rng.float()));
  const x = tf.tensor2d(
    Float32Array.from({ length: graph.numNodes * DIMS }, () => rng.normal()),
    [graph.numNodes, DIMS],
  );
  const gradients = tf.grads((v, features) => tf.sum(aggregate(index, v as tf.Tensor1D, features as tf.Tensor2D)));
  const forward: number[] = [];
  const both: number[] = [];
  const first = warmUp ? 0 : 1;
  for (let run = first; run <= repeats; run++) {
    let start = performance.now();
    await tf.tidy(() => aggregate(index, values, x)).data();
    const forwardMs = performance.now() - start;
    start = performance.now();
    const grads = gradients([values, x]);
    await Promise.all(grads.map((g) => g.data()));
    const bothMs = performance.now() - start;
    tf.dispose(grads);
    if (run > 0) {
      forward.push(forwardMs);
      both.push(bothMs);
    }
  }
  tf.dispose([index.rows, index.cols, values, x]);
  return { forwardMs: median(forward), backwardMs: Math.max(0, median(both) - median(forward)) };
}

async function measure(backend: string, variant: string, aggregate: Aggregate, graph: Workload, timing: Timing): Promise<Row> {
  console.error(`  ${backend}: ${variant} ...`);
  const times = await timeAggregate(aggregate, graph, timing);
  return { backend, variant, edges: graph.rows.length, nodes: graph.numNodes, ...times };
}

async function benchBackend(backend: string, full: Workload, scaled: Workload): Promise<Row[]> {
  await initBackend(backend as 'cpu');
  const typical = { repeats: REPEATS, warmUp: true };
  const rows = [await measure(backend, 'fused kg4rec kernel', fused, full, typical)];
  const segmentSum = tf.getKernel(UNSORTED_SEGMENT_SUM, backend);
  const stock = stockKernel(UNSORTED_SEGMENT_SUM, backend);
  if (segmentSum) {
    const label = stock || backend === 'cpu' || backend === 'wasm' ? 'composite, kg4rec UnsortedSegmentSum' : 'composite, stock kernels';
    rows.push(await measure(backend, `${label} (1 run)`, composite, full, SLOW));
  }
  if (stock) {
    rows.push(await measure(backend, 'fused kg4rec kernel, graph scaled 1/256', fused, scaled, typical));
    const stockVariant = 'composite, stock UnsortedSegmentSum, graph scaled 1/256 (1 run)';
    rows.push(await withStockKernel(UNSORTED_SEGMENT_SUM, backend, () => measure(backend, stockVariant, composite, scaled, SLOW)));
  } else if (backend === 'wasm') {
    rows.push({
      backend,
      variant: 'composite, stock kernels: cannot run (wasm has no UnsortedSegmentSum)',
      edges: full.rows.length,
      nodes: full.numNodes,
      forwardMs: Number.NaN,
      backwardMs: Number.NaN,
    });
  }
  return rows;
}

function formatTable(rows: Row[]): string {
  const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(0));
  const lines = [
    '| backend | variant | edges | nodes | forward ms | backward ms | total ms |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.backend} | ${r.variant} | ${r.edges.toLocaleString('en')} | ${r.nodes.toLocaleString('en')} | ${ms(r.forwardMs)} | ${ms(r.backwardMs)} | ${ms(r.forwardMs + r.backwardMs)} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const full = ml1mSizedGraph(1);
  const scaled = ml1mSizedGraph(1, STOCK_CPU_FRACTION);
  const backends = await loadableBackends();
  const rows: Row[] = [];
  for (const backend of backends) rows.push(...(await benchBackend(backend, full, scaled)));
  console.log(
    `\nNeighbour aggregation, ${DIMS} dims, median of ${REPEATS} runs after 1 warm-up unless marked (1 run), Node ${process.version}\n`,
  );
  console.log(formatTable(rows));
}

await main();
