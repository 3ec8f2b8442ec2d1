import type { KernelArgs } from './kernels.js';

// The nearest-neighbour search's kernels (and its principal components'); see kernels.ts for the rules every kernel
// follows (self-contained; each part writes only its own rows).

/** The stages of `neighbourPart`. */
export const NEIGHBOUR_STAGE = { trees: 0, merge: 1, distances: 2 } as const;

/**
 * The nearest-neighbour search's parallel stages, in one kernel so that they share its heap offer and distance
 * (kernels travel as source text, so they cannot call shared functions). `a.stage`:
 * - trees: random-projection trees (as Annoy and pynndescent): each tree splits the points recursively by the
 *   hyperplane halfway between two random points until a leaf holds at most `leafSize`; every pair inside a leaf
 *   is offered to both points' k-best lists. Part `part` of `parts` builds trees part, part + parts, … into its
 *   own heap (rows of k: indices, squared distances, the farthest at the root) at offset part·n·k; each tree draws
 *   from its own generator (mulberry32 seeded by `seed` and the tree), so a tree does not depend on which part built it.
 * - merge: the rows of this part of `heaps` such heaps merged into the first (heap 1's entries offered in order,
 *   then heap 2's, …), each row left in one canonical order (farthest first, then by index), a valid max-heap
 *   that does not depend on the order of the offers.
 * - distances: squared distances over all `dims` columns of x from each row of this part to its k neighbours.
 */
function neighbourPart(a: KernelArgs, part: number, parts: number): void {
  const x = a.x as Float32Array;
  const dims = a.dims as number;
  const k = a.k as number;
  const ids = a.indices as Int32Array;
  const dist = a.distances as Float64Array;
  const distance = (p: number, q: number): number => {
    let s0 = 0;
    let s1 = 0;
    let u = p * dims;
    let v = q * dims;
    const end = u + dims - (dims % 2);
    for (; u < end; u += 2, v += 2) {
      const t0 = x[u]! - x[v]!;
      const t1 = x[u + 1]! - x[v + 1]!;
      s0 += t0 * t0;
      s1 += t1 * t1;
    }
    if (dims % 2) s0 += (x[u]! - x[v]!) ** 2;
    return s0 + s1;
  };
  // Offers j at squared distance d to the max-heap at offset o: replace the root, sift down.
  const offer = (o: number, d: number, j: number): void => {
    if (!(d < dist[o]!)) return;
    for (let c = o; c < o + k; c++) if (ids[c] === j) return;
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= k) break;
      const r = l + 1;
      const child = r < k && dist[o + r]! > dist[o + l]! ? r : l;
      if (dist[o + child]! <= d) break;
      dist[o + pos] = dist[o + child]!;
      ids[o + pos] = ids[o + child]!;
      pos = child;
    }
    dist[o + pos] = d;
    ids[o + pos] = j;
  };
  const n = x.length / dims;
  const r0 = Math.floor((n * part) / parts);
  const r1 = Math.floor((n * (part + 1)) / parts);
  if (a.stage === 2) {
    const out = a.out as Float32Array;
    for (let i = r0; i < r1; i++) for (let c = i * k; c < (i + 1) * k; c++) out[c] = distance(i, ids[c]!);
    return;
  }
  if (a.stage === 1) {
    for (let i = r0; i < r1; i++) {
      const o = i * k;
      for (let h = 1; h < (a.heaps as number); h++) for (let e = h * n * k + o; e < h * n * k + o + k; e++) if (ids[e]! >= 0) offer(o, dist[e]!, ids[e]!);
      // Insertion sort, farthest first (ties: larger index first).
      for (let c = o + 1; c < o + k; c++) {
        const d = dist[c]!;
        const j = ids[c]!;
        let b = c - 1;
        while (b >= o && (dist[b]! < d || (dist[b] === d && ids[b]! < j))) {
          dist[b + 1] = dist[b]!;
          ids[b + 1] = ids[b]!;
          b--;
        }
        dist[b + 1] = d;
        ids[b + 1] = j;
      }
    }
    return;
  }
  const leafSize = a.leafSize as number;
  const base = part * n * k;
  const order = new Int32Array(n);
  const side = new Float64Array(n);
  const normal = new Float64Array(dims);
  const stack: number[] = [];
  for (let t = part; t < (a.trees as number); t += parts) {
    let state = ((a.seed as number) * 0x9e3779b1 + (t + 1) * 0x85ebca6b) >>> 0;
    const rand = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let z = Math.imul(state ^ (state >>> 15), state | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = 0; i < n; i++) order[i] = i;
    stack.push(0, n);
    while (stack.length > 0) {
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      if (hi - lo <= leafSize) {
        for (let p = lo; p < hi; p++) {
          for (let q = p + 1; q < hi; q++) {
            const d = distance(order[p]!, order[q]!);
            offer(base + order[p]! * k, d, order[q]!);
            offer(base + order[q]! * k, d, order[p]!);
          }
        }
        continue;
      }
      // Split by a random hyperplane: the points on its positive side first.
      const pa = order[lo + Math.floor(rand() * (hi - lo))]!;
      let pb = order[lo + Math.floor(rand() * (hi - lo))]!;
      for (let tries = 0; pb === pa && tries < 8; tries++) pb = order[lo + Math.floor(rand() * (hi - lo))]!;
      let offset = 0;
      for (let c = 0; c < dims; c++) {
        normal[c] = x[pa * dims + c]! - x[pb * dims + c]!;
        offset += (normal[c]! * (x[pa * dims + c]! + x[pb * dims + c]!)) / 2;
      }
      for (let r = lo; r < hi; r++) {
        const o = order[r]! * dims;
        let s = -offset;
        for (let c = 0; c < dims; c++) s += normal[c]! * x[o + c]!;
        side[r] = s;
      }
      let i = lo;
      let j = hi - 1;
      while (i <= j) {
        if (side[i]! > 0) i++;
        else {
          const oi = order[i]!;
          order[i] = order[j]!;
          order[j] = oi;
          const si = side[i]!;
          side[i] = side[j]!;
          side[j] = si;
          j--;
        }
      }
      // Duplicates or a degenerate pair put everything on one side: halve the range instead.
      const mid = i === lo || i === hi ? lo + ((hi - lo) >> 1) : i;
      stack.push(lo, mid, mid, hi);
    }
  }
}

/** Σ (x − mean)(x − mean)ᵀ, upper triangle, over the rows of this part into its d×d slot of `cov`. */
function covariancePart(a: KernelArgs, part: number, parts: number): void {
  const x = a.x as Float32Array;
  const mean = a.mean as Float64Array;
  const cov = a.cov as Float64Array;
  const d = mean.length;
  const n = x.length / d;
  const o = part * d * d;
  cov.fill(0, o, o + d * d);
  const centred = new Float64Array(d);
  for (let i = Math.floor((n * part) / parts); i < Math.floor((n * (part + 1)) / parts); i++) {
    for (let c = 0; c < d; c++) centred[c] = x[i * d + c]! - mean[c]!;
    for (let r = 0; r < d; r++) {
      const vr = centred[r]!;
      if (vr === 0) continue;
      for (let c = r; c < d; c++) cov[o + r * d + c]! += vr * centred[c]!;
    }
  }
}

/** The rows of this part, centred, on the first `dims` of `components` (row-major [*, d]) into `out` [N, dims]. */
function projectPart(a: KernelArgs, part: number, parts: number): void {
  const x = a.x as Float32Array;
  const mean = a.mean as Float64Array;
  const components = a.components as Float64Array;
  const dims = a.dims as number;
  const out = a.out as Float32Array | Float64Array;
  const d = mean.length;
  const n = x.length / d;
  const centred = new Float64Array(d);
  for (let i = Math.floor((n * part) / parts); i < Math.floor((n * (part + 1)) / parts); i++) {
    for (let c = 0; c < d; c++) centred[c] = x[i * d + c]! - mean[c]!;
    for (let k = 0; k < dims; k++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += centred[c]! * components[k * d + c]!;
      out[i * dims + k] = s;
    }
  }
}

export const NEIGHBOUR_KERNELS = { neighbourPart, covariancePart, projectPart };
