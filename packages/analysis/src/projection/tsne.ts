import { seededRandom } from '../random.js';
import { AnalysisInputError, checkMatrix, type Matrix } from '../matrix.js';
import { affinities, type Csr } from './affinities.js';
import { BarnesHutRepulsion } from './barnes-hut.js';
import { FftRepulsion, type FftRepulsionOptions } from './fft-repulsion.js';
import { nearestNeighbours, type Neighbours } from './knn.js';
import { localityOrder, reorderNeighbours } from './locality.js';
import { pca, pcaMatrix, principalBasis, shared, type PrincipalBasis } from './pca.js';
import type { Repulsion } from './repulsion.js';
import type { Job } from '../parallel/kernels.js';
import { NEIGHBOUR_STAGE } from '../parallel/neighbour-kernels.js';
import { oneThread, type KernelRunner, type Threads } from '../parallel/threads.js';
import { yieldToEventLoop } from './yield.js';

// Why hand-written: npm's t-SNE packages (tsne-js, @keckelt/tsne) are exact O(N²) per iteration: 430 s for
// 1,000 points here. This follows openTSNE (Poličar et al.): sparse perplexity-calibrated affinities over
// 3·perplexity neighbours (approximate neighbours for large N), the repulsion by Barnes–Hut or by FFT-accelerated
// interpolation (FIt-SNE), early exaggeration, momentum, gains and a clipped step.

/** The stages of a run, in order, as `onProgress` reports them. */
export type TsneStage = 'neighbours' | 'affinities' | 'iterations';

/** Barnes–Hut t-SNE settings (scikit-learn's names and defaults where it has them). */
export interface TsneOptions {
  readonly perplexity?: number;
  /** Attraction multiplier of the first phase; default 12. */
  readonly earlyExaggeration?: number;
  /** Iterations with early exaggeration (and momentum 0.5); default 250. */
  readonly exaggerationIterations?: number;
  /** All iterations, early exaggeration included; default 1000 (scikit-learn's; openTSNE runs 750). */
  readonly iterations?: number;
  /** 'auto' (default) = max(N / 12, 50) (openTSNE's N / early exaggeration, Belkina et al. 2019). */
  readonly learningRate?: number | 'auto';
  /** Repulsion: 'barnes-hut' (exact tree code), 'fft' (FIt-SNE interpolation) or 'auto' (default): FFT from 10,000 points, as openTSNE. */
  readonly method?: 'auto' | 'barnes-hut' | 'fft';
  /** Barnes–Hut accuracy: a cell counts as one point when its width / distance < theta; default 0.5. */
  readonly theta?: number;
  readonly fft?: FftRepulsionOptions;
  /** Nearest neighbours: exact below 2,000 points by default, else random-projection trees + NN-descent. */
  readonly neighbours?: 'auto' | 'exact' | 'approximate';
  /**
   * Approximate neighbours are searched among the rows' top principal components, this many (default 50, as
   * openTSNE and FIt-SNE advise; 0: all columns); their distances, and so the affinities, are then taken on all
   * columns. 128-d features search 2-3x faster on 50 at the same trustworthiness.
   */
  readonly neighbourDims?: number;
  /** 'pca' (default: the first two principal components scaled to std 1e-4, as openTSNE) or 'random'. */
  readonly init?: 'pca' | 'random';
  readonly seed?: number;
  /**
   * Threads sharing the iterations' loops (the attraction and the near field, claimed part by part while the
   * calling thread runs the FFT): `nodeThreads()` from `@lstmkit/analysis/node`, or `webThreads()` in a browser.
   * Default: the calling thread only. The embedding for a seed is the same for every number of threads.
   */
  readonly threads?: Threads;
  /** Progress of each stage in turn: neighbours, affinities, iterations. */
  readonly onProgress?: (done: number, total: number, stage: TsneStage) => void;
  /** Aborts the run (it rejects with the signal's reason); the run yields to the event loop every ~100 ms. */
  readonly signal?: AbortSignal;
}

/** Embeds the rows of `m` in 2-D; returns an [N, 2] matrix. */
export async function tsne(m: Matrix, options: TsneOptions = {}): Promise<Matrix> {
  checkMatrix(m);
  const n = m.rows;
  const perplexity = options.perplexity ?? 30;
  if (n < 4) throw new AnalysisInputError(`t-SNE needs at least 4 points, got ${n}`);
  if (!(perplexity > 0) || 3 * perplexity >= n) throw new AnalysisInputError(`perplexity: ${perplexity} needs more than ${Math.ceil(3 * perplexity)} points (got ${n}); use a smaller perplexity`);
  if (![undefined, 'auto', 'barnes-hut', 'fft'].includes(options.method)) throw new AnalysisInputError(`method: "${options.method}" is not one of auto, barnes-hut, fft`);
  const { signal, onProgress } = options;
  const k = Math.min(n - 1, Math.floor(3 * perplexity));
  const reduce = reducesForNeighbours(m, options);
  const threads: KernelRunner = options.threads ?? oneThread;
  onProgress?.(0, 1, 'neighbours');
  const rows = { ...m, values: shared(m.values, threads) }; // read by every thread
  // One covariance serves both: the neighbours' components, whose first two start the embedding.
  const basis = reduce > 0 || options.init !== 'random' ? await principalBasis(rows, Math.max(2, reduce), threads) : undefined;
  const found = await neighboursOf(rows, k, reduce, basis, options);
  onProgress?.(0, 1, 'affinities');
  // The optimisation runs on the points relabelled so that neighbours are near in memory; undone at the end.
  const order = localityOrder(found, n, k);
  const { indices, distances } = reorderNeighbours(found, order, k);
  const p = affinities(indices, distances, n, k, perplexity);
  onProgress?.(1, 1, 'affinities');
  await yieldToEventLoop(signal);
  const exaggeration = options.earlyExaggeration ?? 12;
  const method = options.method === undefined || options.method === 'auto' ? (n < 10_000 ? 'barnes-hut' : 'fft') : options.method;
  const start = initialPositions(m, basis, options);
  const y = threads.float64(2 * n);
  order.forEach((old, r) => y.set(start.subarray(2 * old, 2 * old + 2), 2 * r));
  await optimise(y, p, {
    iterations: options.iterations ?? 1000,
    exaggerationIterations: options.exaggerationIterations ?? 250,
    exaggeration,
    lr: options.learningRate === undefined || options.learningRate === 'auto' ? Math.max(n / exaggeration, 50) : options.learningRate,
    repulsion: method === 'fft' ? new FftRepulsion(n, options.fft, threads) : new BarnesHutRepulsion(n, options.theta ?? 0.5, threads),
    threads,
    onProgress: onProgress && ((i, t) => onProgress(i, t, 'iterations')),
    signal,
  });
  const values = new Float32Array(2 * n);
  order.forEach((old, r) => values.set(y.subarray(2 * r, 2 * r + 2), 2 * old));
  return { values, rows: n, cols: 2 };
}

/** The principal components the approximate neighbours are searched on, 0 for all columns. */
function reducesForNeighbours(m: Matrix, options: TsneOptions): number {
  const dims = options.neighbourDims ?? 50;
  if (!(Number.isInteger(dims) && dims >= 0)) throw new AnalysisInputError(`neighbourDims: ${dims} is not a whole number >= 0`);
  const exact = options.neighbours === 'exact' || ((options.neighbours ?? 'auto') === 'auto' && m.rows < 2000);
  return !exact && dims > 0 && dims < m.cols ? dims : 0;
}

async function neighboursOf(m: Matrix, k: number, reduce: number, basis: PrincipalBasis | undefined, options: TsneOptions): Promise<Neighbours> {
  const { signal, onProgress } = options;
  const threads: KernelRunner = options.threads ?? oneThread;
  const space = reduce > 0 ? await pcaMatrix(m, reduce, basis, threads) : m;
  const found = await nearestNeighbours(space, k, { method: options.neighbours, seed: options.seed, signal, threads: options.threads, onProgress: (d, t) => onProgress?.(d, t, 'neighbours') });
  if (!reduce) return found;
  // The distances on all columns; m.values are shared already.
  const ids = threads.int32(found.indices.length);
  ids.set(found.indices);
  const out = threads.float32(found.indices.length);
  const args = { x: m.values, dims: m.cols, k, indices: ids, distances: threads.float64(0), out, stage: NEIGHBOUR_STAGE.distances };
  await threads.run([{ kernel: 'neighbourPart', args, parts: 64 }]);
  return { indices: found.indices, distances: Float32Array.from(out) };
}

function initialPositions(m: Matrix, basis: PrincipalBasis | undefined, options: TsneOptions): Float64Array {
  if (options.init === 'random' || !basis) {
    const rand = seededRandom(options.seed ?? 0);
    // Box–Muller normal draws with std 1e-4, as openTSNE's and scikit-learn's random init.
    return Float64Array.from({ length: 2 * m.rows }, () => 1e-4 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
  }
  const y = pca(m, 2, basis);
  let sq = 0;
  for (let i = 0; i < m.rows; i++) sq += y[2 * i]! ** 2;
  const std = Math.sqrt(sq / m.rows) || 1;
  return y.map((v) => (v / std) * 1e-4); // PCA scaled so the first component has std 1e-4
}

/** Parts of the attraction: as many for any number of threads, so the embedding does not depend on it. */
const ATTRACTION_PARTS = 64;

interface Schedule {
  iterations: number;
  exaggerationIterations: number;
  exaggeration: number;
  lr: number;
  repulsion: Repulsion;
  threads: KernelRunner;
  onProgress?: (i: number, t: number) => void;
  signal?: AbortSignal;
}

/**
 * Gradient descent with momentum and per-coordinate gains (Jacobs 1988) on the KL divergence, whose gradient
 * (without the constant 4, as openTSNE) is exaggeration · Σ_j p_ij w_ij (y_i − y_j) − Σ_j w_ij² (y_i − y_j) / Z.
 * A point's step is clipped to length 5 (openTSNE's max_step_norm), so no point shoots off and stretches the grid.
 */
async function optimise(y: Float64Array, p: Csr, o: Schedule): Promise<void> {
  const n = y.length / 2;
  const update = new Float64Array(2 * n);
  const gains = new Float64Array(2 * n).fill(1);
  const rep = new Float64Array(2 * n);
  const { threads } = o;
  const attr = threads.float64(2 * n);
  const shared = { ptr: threads.int32(n + 1), col: threads.int32(p.col.length), val: threads.float64(p.val.length) };
  shared.ptr.set(p.ptr);
  shared.col.set(p.col);
  shared.val.set(p.val);
  const attraction: Job = { kernel: 'attractionRows', args: { y, ...shared, out: attr }, parts: ATTRACTION_PARTS };
  o.onProgress?.(0, o.iterations);
  for (let it = 0; it < o.iterations; it++) {
    const early = it < o.exaggerationIterations;
    const exag = early ? o.exaggeration : 1;
    const momentum = early ? 0.5 : 0.8;
    // The threads take parts of the attraction (and of the repulsion's near field) while this one does the rest.
    const z = await o.repulsion.compute(y, rep, [attraction]);
    descend(y, attr, rep, z, { update, gains }, exag, momentum, o.lr);
    if (it % 25 === 24 || it === o.iterations - 1) o.onProgress?.(it + 1, o.iterations);
    await yieldToEventLoop(o.signal);
  }
}

/** One step of every point (a plain loop outside the async function, which V8 optimises less well). */
function descend(y: Float64Array, attr: Float64Array, rep: Float64Array, z: number, state: { update: Float64Array; gains: Float64Array }, exag: number, momentum: number, lr: number): void {
  const { update, gains } = state;
  const n = y.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    let ux = step(2 * i, exag * attr[2 * i]! - rep[2 * i]! / z, update, gains, momentum, lr);
    let uy = step(2 * i + 1, exag * attr[2 * i + 1]! - rep[2 * i + 1]! / z, update, gains, momentum, lr);
    const norm = Math.sqrt(ux * ux + uy * uy);
    if (norm > 5) {
      ux *= 5 / norm;
      uy *= 5 / norm;
      update[2 * i] = ux;
      update[2 * i + 1] = uy;
    }
    mx += y[2 * i]! + ux;
    my += y[2 * i + 1]! + uy;
  }
  // The embedding stays centred.
  mx /= n;
  my /= n;
  for (let i = 0; i < n; i++) {
    y[2 * i]! += update[2 * i]! - mx;
    y[2 * i + 1]! += update[2 * i + 1]! - my;
  }
}

/** Gains grow by 0.2 where the gradient flips sign against the last step and decay by 0.8 where it does not. */
function step(q: number, g: number, update: Float64Array, gains: Float64Array, momentum: number, lr: number): number {
  const gain = Math.sign(g) !== Math.sign(update[q]!) ? gains[q]! + 0.2 : Math.max(0.01, gains[q]! * 0.8);
  gains[q] = gain;
  return (update[q] = momentum * update[q]! - lr * gain * g);
}
