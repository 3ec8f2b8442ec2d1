import { kmeans as mlKmeans } from 'ml-kmeans';
import { AnalysisInputError, checkMatrix, row, type Matrix } from '../matrix.js';

/** The cluster of each row and the cluster centres. */
export interface KMeansResult {
  /** Cluster id of each row. */
  readonly assignments: Int32Array;
  /** [k, cols] cluster centres. */
  readonly centroids: Matrix;
  readonly iterations: number;
  readonly converged: boolean;
}

/** k-means with k-means++ seeding (ml-kmeans), seeded so the same input gives the same clusters. */
export function kmeans(m: Matrix, k: number, options: { seed?: number; maxIterations?: number } = {}): KMeansResult {
  checkMatrix(m);
  if (!Number.isInteger(k) || k < 1) throw new AnalysisInputError(`k: expected a positive integer, got ${k}`);
  if (k > m.rows) throw new AnalysisInputError(`k: ${k} clusters for ${m.rows} points (K must not exceed N)`);
  const data = Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i)));
  const r = mlKmeans(data, k, { initialization: 'kmeans++', seed: options.seed ?? 0, maxIterations: options.maxIterations ?? 300 });
  return {
    assignments: Int32Array.from(r.clusters),
    centroids: { values: Float32Array.from(r.centroids.flat()), rows: k, cols: m.cols },
    iterations: r.iterations,
    converged: r.converged,
  };
}

/** The mean point of each group (class or cluster id in 0..k-1); a group with no points gets NaN. */
export function centroidsOf(m: Matrix, groups: ArrayLike<number>, k: number): Matrix {
  const sums = new Float64Array(k * m.cols);
  const counts = new Float64Array(k);
  for (let i = 0; i < m.rows; i++) {
    const g = groups[i]!;
    counts[g]! += 1;
    for (let c = 0; c < m.cols; c++) sums[g * m.cols + c]! += m.values[i * m.cols + c]!;
  }
  return { values: Float32Array.from(sums, (s, j) => s / counts[Math.floor(j / m.cols)]!), rows: k, cols: m.cols };
}
