import { seededRandom } from '../random.js';
import { AnalysisInputError, type Matrix } from '../matrix.js';
import { yieldToEventLoop } from './yield.js';
import { NeighbourHeap, squaredDistance } from './neighbour-heap.js';
import { nnDescent } from './nn-descent.js';
import { oneThread, type KernelRunner, type Threads } from '../parallel/threads.js';
import { shared } from './pca.js';
import { NEIGHBOUR_STAGE } from '../parallel/neighbour-kernels.js';

/** How `nearestNeighbours` searches: exactly, or with random-projection trees and NN-descent. */
export interface NeighbourOptions {
  /** 'exact' compares every pair (O(N²·D)); 'approximate' is random-projection trees + NN-descent; 'auto' (default) is exact below 2,000 points. */
  readonly method?: 'auto' | 'exact' | 'approximate';
  readonly seed?: number;
  /** Random-projection trees; default 5 + round(√N / 20), at most 32 (pynndescent's n_trees rule). */
  readonly trees?: number;
  /** Points per leaf at most; default max(k + 1, 64). */
  readonly leafSize?: number;
  /** NN-descent rounds at most; default 2. */
  readonly rounds?: number;
  /** Neighbours per point compared in each NN-descent round; default 12. */
  readonly candidates?: number;
  /** Called as the trees and rounds complete, with those done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between trees and rounds (which also yield to the event loop, so a worker can receive it). */
  readonly signal?: AbortSignal;
  /**
   * Threads building the trees (each its share of them, merged after) and taking the distances: as t-SNE's
   * `threads`. The neighbours are the same for any number of threads but for exact ties in distance.
   */
  readonly threads?: Threads;
}

/** Each point's k nearest neighbours and their squared distances. */
export interface Neighbours {
  /** [N, k] row-major: point i's neighbours, nearest first (never i itself). */
  readonly indices: Int32Array;
  /** [N, k] squared Euclidean distances matching `indices`. */
  readonly distances: Float32Array;
}

/** The k nearest neighbours (squared Euclidean) of every row, excluding itself; plain typed-array code. */
export async function nearestNeighbours(m: Matrix, k: number, options: NeighbourOptions = {}): Promise<Neighbours> {
  const method = options.method ?? 'auto';
  if (!['auto', 'exact', 'approximate'].includes(method)) throw new AnalysisInputError(`neighbours: method "${method}" is not one of auto, exact, approximate`);
  if (k < 1 || k >= m.rows) throw new AnalysisInputError(`neighbours: k = ${k} needs 1 <= k < ${m.rows} (the number of points)`);
  return method === 'exact' || (method === 'auto' && m.rows < 2000) ? exactNeighbours(m, k, options.onProgress) : approximateNeighbours(m, k, options);
}

function exactNeighbours(m: Matrix, k: number, onProgress?: (done: number, total: number) => void): Neighbours {
  const { rows: n, cols: d, values } = m;
  const heap = new NeighbourHeap(n, k);
  onProgress?.(0, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = squaredDistance(values, d, i, j);
      heap.push(i, s, j);
      heap.push(j, s, i);
    }
    if (i % 256 === 255) onProgress?.(i + 1, n);
  }
  onProgress?.(n, n);
  return heap.sorted();
}

/** At most this many heaps for the forest (each n·k entries), however many threads there are. */
const FOREST_HEAPS = 4;

async function approximateNeighbours(m: Matrix, k: number, options: NeighbourOptions): Promise<Neighbours> {
  const { rows: n, cols: d } = m;
  const threads: KernelRunner = options.threads ?? oneThread;
  const rand = seededRandom(options.seed ?? 0);
  const trees = options.trees ?? Math.min(32, 5 + Math.round(Math.sqrt(n) / 20));
  const rounds = options.rounds ?? 2;
  const total = trees + rounds;
  options.onProgress?.(0, total);
  const step = async (done: number) => {
    options.onProgress?.(done, total);
    await yieldToEventLoop(options.signal);
  };
  // The threads build the trees, each into its own heap, which are then merged.
  const x = shared(m.values, threads);
  const heaps = Math.min(FOREST_HEAPS, threads.size, trees);
  const indices = threads.int32(heaps * n * k).fill(-1);
  const distances = threads.float64(heaps * n * k).fill(Infinity);
  const leafSize = options.leafSize ?? Math.max(k + 1, 64);
  const args = { x, dims: d, k, indices, distances };
  await threads.run([{ kernel: 'neighbourPart', args: { ...args, stage: NEIGHBOUR_STAGE.trees, leafSize, trees, seed: Math.floor(options.seed ?? 0) }, parts: heaps }]);
  await threads.run([{ kernel: 'neighbourPart', args: { ...args, stage: NEIGHBOUR_STAGE.merge, heaps }, parts: 64 }]);
  const heap = new NeighbourHeap(n, k);
  heap.fill(indices.subarray(0, n * k), distances.subarray(0, n * k));
  await step(trees);
  fillEmpty(x, d, heap, rand);
  for (let r = 0; r < rounds; r++) {
    const updates = nnDescent(x, d, heap, options.candidates ?? 12, rand);
    await step(trees + r + 1);
    if (updates <= 0.001 * n * k) break; // converged, as pynndescent's delta
  }
  options.onProgress?.(total, total);
  return heap.sorted();
}

/** Rows the forest left short of k (tiny leaves) get random points, as pynndescent's random init does. */
function fillEmpty(x: Float32Array, d: number, heap: NeighbourHeap, rand: () => number): void {
  const { n, k, indices } = heap;
  for (let i = 0; i < n; i++) {
    // An empty slot has distance Infinity, so it sits at the root of the max-heap.
    while (indices[i * k]! < 0) {
      const j = Math.floor(rand() * n);
      if (j !== i) heap.push(i, squaredDistance(x, d, i, j), j);
    }
  }
}
