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
    const o = i * k;
    let dMin = Infinity; // shifting distances keeps exp() from underflowing; it cancels in the ratio
    for (let j = 0; j < k; j++) if (distances[o + j]! < dMin) dMin = distances[o + j]!;
    let beta = 1;
    let lo = 0;
    let hi = Infinity;
    for (let step = 0; step < 100; step++) {
      let sum = 0;
      let dot = 0;
      for (let j = 0; j < k; j++) {
        const dj = distances[o + j]! - dMin;
        const p = Math.exp(-dj * beta);
        sum += p;
        dot += dj * p;
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
    for (let j = 0; j < k; j++) sum += cond[o + j] = Math.exp(-(distances[o + j]! - dMin) * beta);
    for (let j = 0; j < k; j++) cond[o + j]! /= sum;
  }
  return symmetrise(indices, cond, n, k);
}

/** P = (C + Cᵀ) / 2N from the conditional rows C (k per point), merged into compressed rows. */
function symmetrise(indices: Int32Array, cond: Float64Array, n: number, k: number): Csr {
  // Row i holds its own k entries plus one for every j that lists i; duplicates are merged below.
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    count[i + 1]! += k;
    for (let c = i * k; c < (i + 1) * k; c++) count[indices[c]! + 1]! += 1;
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const fill = count.slice(0, n);
  const rawCol = new Int32Array(count[n]!);
  const rawVal = new Float64Array(count[n]!);
  for (let i = 0; i < n; i++) {
    for (let c = i * k; c < (i + 1) * k; c++) {
      const j = indices[c]!;
      rawCol[fill[i]!] = j;
      rawVal[fill[i]!++] = cond[c]!;
      rawCol[fill[j]!] = i;
      rawVal[fill[j]!++] = cond[c]!;
    }
  }
  const ptr = new Int32Array(n + 1);
  const col = new Int32Array(count[n]!);
  const val = new Float64Array(count[n]!);
  const slot = new Int32Array(n).fill(-1); // where column j sits in the current row, if it does
  let out = 0;
  for (let i = 0; i < n; i++) {
    ptr[i] = out;
    for (let c = count[i]!; c < count[i + 1]!; c++) {
      const j = rawCol[c]!;
      const v = rawVal[c]! / (2 * n);
      if (slot[j]! >= ptr[i]!) val[slot[j]!]! += v;
      else {
        slot[j] = out;
        col[out] = j;
        val[out++] = v;
      }
    }
  }
  ptr[n] = out;
  return { ptr, col: col.slice(0, out), val: val.slice(0, out) };
}
