/** Sparse symmetric matrix in compressed rows: row i's entries are col[ptr[i]..ptr[i+1]) with values val. */
export interface Csr {
  readonly ptr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

/**
 * t-SNE's input affinities: per point, a Gaussian over its k neighbours whose width gives the wanted perplexity
 * (binary search on the precision), then symmetrised, P = (P + Pᵀ) / 2N.
 */
export function affinities(indices: Int32Array, distances: Float32Array, n: number, k: number, perplexity: number): Csr {
  const target = Math.log(perplexity);
  const cond = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const d = distances.subarray(i * k, (i + 1) * k);
    const dMin = Math.min(...d); // shifting distances keeps exp() from underflowing; it cancels in the ratio
    let beta = 1;
    let lo = 0;
    let hi = Infinity;
    for (let step = 0; step < 100; step++) {
      let sum = 0;
      let dot = 0;
      for (let j = 0; j < k; j++) {
        const p = Math.exp(-(d[j]! - dMin) * beta);
        sum += p;
        dot += (d[j]! - dMin) * p;
      }
      const entropy = Math.log(sum) + (beta * dot) / sum;
      if (Math.abs(entropy - target) < 1e-5) break;
      if (entropy > target) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += cond[i * k + j] = Math.exp(-(d[j]! - dMin) * beta);
    for (let j = 0; j < k; j++) cond[i * k + j]! /= sum;
  }
  const rows = Array.from({ length: n }, () => new Map<number, number>());
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const o = indices[i * k + j]!;
      const p = cond[i * k + j]! / (2 * n);
      rows[i]!.set(o, (rows[i]!.get(o) ?? 0) + p);
      rows[o]!.set(i, (rows[o]!.get(i) ?? 0) + p);
    }
  }
  const ptr = new Int32Array(n + 1);
  rows.forEach((r, i) => (ptr[i + 1] = ptr[i]! + r.size));
  const col = new Int32Array(ptr[n]!);
  const val = new Float64Array(ptr[n]!);
  rows.forEach((r, i) => {
    let c = ptr[i]!;
    for (const [j, p] of r) {
      col[c] = j;
      val[c++] = p;
    }
  });
  return { ptr, col, val };
}
