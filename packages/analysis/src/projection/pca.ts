import type { Matrix } from '../matrix.js';

/** The rows projected on the top `dims` principal components, as an [N, dims] row-major Float64Array. */
export function pca(m: Matrix, dims: number, iterations = 100): Float64Array {
  const { mean, components } = principalComponents(m, dims, iterations);
  return project(m, mean, components, dims, new Float64Array(m.rows * dims));
}

/** The rows on their top `dims` principal components (an orthonormal basis, so distances shrink, never grow). */
export function pcaMatrix(m: Matrix, dims: number): Matrix {
  const { mean, components } = principalComponents(m, dims, 100);
  return { values: project(m, mean, components, dims, new Float32Array(m.rows * dims)), rows: m.rows, cols: dims };
}

/**
 * Mean and the top `dims` eigenvectors of the covariance (row-major [dims, D]): power iteration, each vector
 * kept orthogonal to those before it (Gram–Schmidt), which stays accurate for many components where deflation
 * piles up rounding error.
 */
function principalComponents(m: Matrix, dims: number, iterations: number): { mean: Float64Array; components: Float64Array } {
  const { rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c]! += m.values[i * d + c]! / n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) centred[c] = m.values[i * d + c]! - mean[c]!;
    for (let a = 0; a < d; a++) {
      const va = centred[a]!;
      if (va === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b]! += va * centred[b]!;
    }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b]!;
  const components = new Float64Array(dims * d);
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
  return { mean, components };
}

function project<T extends Float32Array | Float64Array>(m: Matrix, mean: Float64Array, components: Float64Array, dims: number, out: T): T {
  const { rows: n, cols: d } = m;
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) centred[c] = m.values[i * d + c]! - mean[c]!;
    for (let k = 0; k < dims; k++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += centred[c]! * components[k * d + c]!;
      out[i * dims + k] = s;
    }
  }
  return out;
}
