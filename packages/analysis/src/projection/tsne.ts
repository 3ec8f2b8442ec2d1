import { seededRandom } from '../random.js';
import { AnalysisInputError, checkMatrix, type Matrix } from '../matrix.js';
import { affinities, type Csr } from './affinities.js';
import { nearestNeighbours } from './knn.js';
import { pca } from './pca.js';
import { QuadTree } from './quadtree.js';

// Why hand-written: npm's t-SNE packages (tsne-js, @keckelt/tsne) are exact O(N²) per iteration: 430 s for
// 1,000 points here, hopeless for the reference's 10,000. This is Barnes–Hut t-SNE (van der Maaten 2014) with
// scikit-learn's defaults: sparse perplexity-calibrated affinities over 3·perplexity neighbours, a quadtree for
// the repulsive forces, early exaggeration, momentum and gains.

/** Barnes–Hut t-SNE settings (scikit-learn's names and defaults where it has them). */
export interface TsneOptions {
  readonly perplexity?: number;
  readonly earlyExaggeration?: number;
  /** Iterations with early exaggeration (and momentum 0.5); default 250. */
  readonly exaggerationIterations?: number;
  /** All iterations, early exaggeration included; default 1000. */
  readonly iterations?: number;
  /** 'auto' (default) = max(N / earlyExaggeration / 4, 50), scikit-learn's rule (openTSNE's N/12 without the gradient's factor 4). */
  readonly learningRate?: number | 'auto';
  /** Barnes–Hut accuracy: a cell counts as one point when its width / distance < theta; default 0.5. */
  readonly theta?: number;
  /** 'pca' (default, as scikit-learn since 1.2) or 'random'. */
  readonly init?: 'pca' | 'random';
  readonly seed?: number;
  /** Called every 25 iterations with the iterations done and the total. */
  readonly onProgress?: (iteration: number, iterations: number) => void;
}

/** Embeds the rows of `m` in 2-D; returns an [N, 2] matrix. */
export async function tsne(m: Matrix, options: TsneOptions = {}): Promise<Matrix> {
  checkMatrix(m);
  const n = m.rows;
  const perplexity = options.perplexity ?? 30;
  if (n < 4) throw new AnalysisInputError(`t-SNE needs at least 4 points, got ${n}`);
  if (!(perplexity > 0) || 3 * perplexity >= n) throw new AnalysisInputError(`perplexity: ${perplexity} needs more than ${Math.ceil(3 * perplexity)} points (got ${n}); use a smaller perplexity`);
  const k = Math.min(n - 1, Math.floor(3 * perplexity));
  const { indices, distances } = await nearestNeighbours(m, k);
  const p = affinities(indices, distances, n, k, perplexity);
  const exaggeration = options.earlyExaggeration ?? 12;
  const lr = options.learningRate === undefined || options.learningRate === 'auto' ? Math.max(n / exaggeration / 4, 50) : options.learningRate;
  const y = initialPositions(m, options);
  optimise(y, p, n, {
    iterations: options.iterations ?? 1000,
    exaggerationIterations: options.exaggerationIterations ?? 250,
    exaggeration,
    lr,
    theta: options.theta ?? 0.5,
    onProgress: options.onProgress,
  });
  return { values: Float32Array.from(y), rows: n, cols: 2 };
}

function initialPositions(m: Matrix, options: TsneOptions): Float64Array {
  if (options.init === 'random') {
    const rand = seededRandom(options.seed ?? 0);
    // Box–Muller normal draws with std 1e-4, as scikit-learn's random init.
    return Float64Array.from({ length: 2 * m.rows }, () => 1e-4 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
  }
  const y = pca(m, 2);
  let sq = 0;
  for (let i = 0; i < m.rows; i++) sq += y[2 * i]! ** 2;
  const std = Math.sqrt(sq / m.rows) || 1;
  return y.map((v) => (v / std) * 1e-4); // scikit-learn: PCA scaled so the first component has std 1e-4
}

function optimise(y: Float64Array, p: Csr, n: number, o: { iterations: number; exaggerationIterations: number; exaggeration: number; lr: number; theta: number; onProgress?: (i: number, t: number) => void }): void {
  const update = new Float64Array(2 * n);
  const gains = new Float64Array(2 * n).fill(1);
  const grad = new Float64Array(2 * n);
  const tree = new QuadTree(4 * n);
  const theta2 = o.theta * o.theta;
  const stack = new Int32Array(4 * 64 + 4);
  for (let it = 0; it < o.iterations; it++) {
    const early = it < o.exaggerationIterations;
    const exag = early ? o.exaggeration : 1;
    const momentum = early ? 0.5 : 0.8;
    tree.build(y, n);
    // Repulsion: Σ_j w_ij² (y_i − y_j) / Z with w = 1 / (1 + d²), far cells as one point.
    let z = 0;
    for (let i = 0; i < n; i++) {
      const xi = y[2 * i]!;
      const yi = y[2 * i + 1]!;
      let fx = 0;
      let fy = 0;
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const node = stack[--top]!;
        const cnt = tree.count[node]!;
        if (cnt === 0 || (cnt === 1 && tree.point[node] === i)) continue;
        const dx = xi - tree.mx[node]!;
        const dy = yi - tree.my[node]!;
        const d2 = dx * dx + dy * dy;
        const leaf = tree.child[node] === -1;
        const width = 2 * tree.hw[node]!;
        if (leaf || width * width < theta2 * d2) {
          if (d2 === 0) continue; // identical points exert no defined force
          const w = 1 / (1 + d2);
          const cw = cnt * w;
          z += cw;
          fx += cw * w * dx;
          fy += cw * w * dy;
        } else {
          const c = tree.child[node]!;
          stack[top++] = c;
          stack[top++] = c + 1;
          stack[top++] = c + 2;
          stack[top++] = c + 3;
        }
      }
      grad[2 * i] = -fx;
      grad[2 * i + 1] = -fy;
    }
    for (let i = 0; i < n; i++) {
      // Attraction over the sparse P: Σ_j p_ij w_ij (y_i − y_j).
      let ax = 0;
      let ay = 0;
      const xi = y[2 * i]!;
      const yi = y[2 * i + 1]!;
      for (let c = p.ptr[i]!; c < p.ptr[i + 1]!; c++) {
        const j = p.col[c]!;
        const dx = xi - y[2 * j]!;
        const dy = yi - y[2 * j + 1]!;
        const w = p.val[c]! / (1 + dx * dx + dy * dy);
        ax += w * dx;
        ay += w * dy;
      }
      grad[2 * i] = 4 * (exag * ax + grad[2 * i]! / z);
      grad[2 * i + 1] = 4 * (exag * ay + grad[2 * i + 1]! / z);
    }
    let mx = 0;
    let my = 0;
    for (let q = 0; q < 2 * n; q++) {
      const g = grad[q]!;
      gains[q] = Math.sign(g) !== Math.sign(update[q]!) ? gains[q]! + 0.2 : Math.max(0.01, gains[q]! * 0.8);
      update[q] = momentum * update[q]! - o.lr * gains[q]! * g;
      y[q]! += update[q]!;
      if (q % 2 === 0) mx += y[q]!;
      else my += y[q]!;
    }
    for (let i = 0; i < n; i++) {
      y[2 * i]! -= mx / n;
      y[2 * i + 1]! -= my / n;
    }
    if (o.onProgress && (it % 25 === 24 || it === o.iterations - 1)) o.onProgress(it + 1, o.iterations);
  }
}
