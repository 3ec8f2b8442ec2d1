import type { Job } from '../parallel/kernels.js';

/**
 * The repulsive half of the t-SNE gradient, the part that couples every pair of points. Implementations write
 * Σ_j w_ij² (y_i − y_j) for every point i into `out` (w_ij = 1 / (1 + |y_i − y_j|²), positions interleaved
 * x0, y0, x1, y1, …) and return the normalisation Z = Σ_{i≠j} w_ij; the gradient's repulsion is that over Z.
 * `alongside`: the caller's own parts of work (the attraction), which the threads run in the same pass.
 */
export interface Repulsion {
  compute(y: Float64Array, out: Float64Array, alongside?: readonly Job[]): Promise<number>;
}
