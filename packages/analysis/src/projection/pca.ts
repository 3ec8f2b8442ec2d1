import type { Matrix } from '../matrix.js';
import { KERNELS } from '../parallel/kernels.js';
import { oneThread, type KernelRunner } from '../parallel/threads.js';

/** The mean of the rows and their top principal components, row-major [dims, D]. */
export interface PrincipalBasis {
  readonly mean: Float64Array;
  readonly components: Float64Array;
  readonly dims: number;
}

/**
 * The rows projected on the first `dims` components of `basis`, as an [N, dims] row-major Float64Array (on the
 * calling thread: for a few components).
 */
export function pca(m: Matrix, dims: number, basis: PrincipalBasis): Float64Array {
  const out = new Float64Array(m.rows * dims);
  KERNELS.projectPart({ x: m.values, mean: basis.mean, components: basis.components, dims, out }, 0, 1);
  return out;
}

/**
 * The rows on their top `dims` principal components (an orthonormal basis, so distances shrink, never grow), by
 * `threads`. `m.values` in shared memory (`threads.float32`) spares a copy.
 */
export async function pcaMatrix(m: Matrix, dims: number, basis?: PrincipalBasis, threads: KernelRunner = oneThread): Promise<Matrix> {
  const b = basis ?? (await principalBasis(m, dims, threads));
  const x = shared(m.values, threads);
  const out = threads.float32(m.rows * dims);
  await threads.run([{ kernel: 'projectPart', args: { x, mean: b.mean, components: b.components, dims, out }, parts: PARTS }]);
  return { values: out, rows: m.rows, cols: dims };
}

/** Rows per part of the covariance: 16 parts, each summed into its own d×d slot, then added in order. */
const PARTS = 16;

/** `values` where every thread can read them: themselves if they are, else a shared copy. */
export function shared(values: Float32Array, threads: KernelRunner): Float32Array {
  if (threads.size === 1 || values.buffer instanceof SharedArrayBuffer) return values;
  const x = threads.float32(values.length);
  x.set(values);
  return x;
}

/**
 * The mean and the top `dims` eigenvectors of the covariance (row-major [dims, D]), the covariance summed by
 * `threads`: power iteration, each vector kept orthogonal to those before it (Gram–Schmidt), which stays accurate
 * for many components where deflation piles up rounding error.
 */
export async function principalBasis(m: Matrix, dims: number, threads: KernelRunner = oneThread): Promise<PrincipalBasis> {
  const iterations = 100;
  const { rows: n, cols: d } = m;
  const mean = threads.float64(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c]! += m.values[i * d + c]! / n;
  const slots = threads.float64(PARTS * d * d);
  await threads.run([{ kernel: 'covariancePart', args: { x: shared(m.values, threads), mean, cov: slots }, parts: PARTS }]);
  const cov = new Float64Array(d * d);
  for (let part = 0; part < PARTS; part++) for (let q = 0; q < d * d; q++) cov[q]! += slots[part * d * d + q]!;
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b]!;
  const components = threads.float64(dims * d);
  const w = new Float64Array(d);
  for (let k = 0; k < dims; k++) {
    const v = components.subarray(k * d, (k + 1) * d);
    for (let c = 0; c < d; c++) v[c] = 1 + ((c * 7919 + k * 104729) % 13) / 13;
    for (let it = 0; it < iterations; it++) {
      w.fill(0);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += cov[a * d + b]! * v[b]!;
        w[a] = s;
      }
      for (let j = 0; j < k; j++) {
        const u = components.subarray(j * d, (j + 1) * d);
        let dot = 0;
        for (let c = 0; c < d; c++) dot += w[c]! * u[c]!;
        for (let c = 0; c < d; c++) w[c]! -= dot * u[c]!;
      }
      let norm = 0;
      for (let c = 0; c < d; c++) norm += w[c]! * w[c]!;
      norm = Math.sqrt(norm) || 1;
      for (let c = 0; c < d; c++) v[c] = w[c]! / norm;
    }
  }
  return { mean, components, dims };
}

