import type { Matrix } from '../matrix.js';

/** The rows projected on the top `dims` principal components (power iteration with deflation, Float64). */
export function pca(m: Matrix, dims: number, iterations = 100): Float64Array {
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
  const out = new Float64Array(n * dims);
  for (let k = 0; k < dims; k++) {
    let v = Float64Array.from({ length: d }, (_, c) => 1 + ((c * 7919) % 13) / 13);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a]! += cov[a * d + b]! * v[b]!;
      lambda = Math.hypot(...w) || 1;
      v = w.map((x) => x / lambda);
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b]! -= lambda * v[a]! * v[b]!; // deflate
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (m.values[i * d + c]! - mean[c]!) * v[c]!;
      out[i * dims + k] = s;
    }
  }
  return out;
}
