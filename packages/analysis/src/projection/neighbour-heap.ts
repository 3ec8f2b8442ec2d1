/**
 * k nearest neighbours of every point as n bounded max-heaps in flat typed arrays (row i holds point i's k best
 * so far, the farthest at the root), with a "new" flag per entry for NN-descent.
 */
export class NeighbourHeap {
  readonly indices: Int32Array;
  readonly distances: Float64Array;
  readonly fresh: Uint8Array;
  /** Each row's farthest distance (its root), kept apart: most offers are refused on it, and n of them stay in cache. */
  readonly roots: Float64Array;

  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    this.indices = new Int32Array(n * k).fill(-1);
    this.distances = new Float64Array(n * k).fill(Infinity);
    this.fresh = new Uint8Array(n * k);
    this.roots = new Float64Array(n).fill(Infinity);
  }

  /** Takes rows filled elsewhere (valid max-heaps, n·k each), all fresh. */
  fill(indices: ArrayLike<number>, distances: ArrayLike<number>): void {
    this.indices.set(indices);
    this.distances.set(distances);
    this.fresh.fill(1);
    for (let i = 0; i < this.n; i++) this.roots[i] = this.distances[i * this.k]!;
  }

  /** Offers j at squared distance d to point i; true when it entered i's k best. */
  push(i: number, d: number, j: number): boolean {
    const { k, indices, distances, fresh } = this;
    if (!(d < this.roots[i]!)) return false;
    const o = i * k;
    for (let c = o; c < o + k; c++) if (indices[c] === j) return false;
    // Replace the root (the farthest) and sift the new entry down.
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= k) break;
      const r = l + 1;
      const child = r < k && distances[o + r]! > distances[o + l]! ? r : l;
      if (distances[o + child]! <= d) break;
      distances[o + pos] = distances[o + child]!;
      indices[o + pos] = indices[o + child]!;
      fresh[o + pos] = fresh[o + child]!;
      pos = child;
    }
    distances[o + pos] = d;
    indices[o + pos] = j;
    fresh[o + pos] = 1;
    this.roots[i] = distances[o]!;
    return true;
  }

  /** Every row sorted nearest first, as [n, k] index and squared-distance arrays. */
  sorted(): { indices: Int32Array; distances: Float32Array } {
    const { n, k } = this;
    const indices = new Int32Array(n * k);
    const distances = new Float32Array(n * k);
    const order = Array.from({ length: k }, (_, c) => c);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      order.sort((a, b) => this.distances[o + a]! - this.distances[o + b]!);
      for (let c = 0; c < k; c++) {
        indices[o + c] = this.indices[o + order[c]!]!;
        distances[o + c] = this.distances[o + order[c]!]!;
      }
    }
    return { indices, distances };
  }
}

/** Squared Euclidean distance between rows a and b of a row-major [*, d] matrix. */
export function squaredDistance(x: Float32Array, d: number, a: number, b: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = a * d;
  let q = b * d;
  const end = p + d - (d % 4);
  for (; p < end; p += 4, q += 4) {
    const t0 = x[p]! - x[q]!;
    const t1 = x[p + 1]! - x[q + 1]!;
    const t2 = x[p + 2]! - x[q + 2]!;
    const t3 = x[p + 3]! - x[q + 3]!;
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  for (; p < a * d + d; p++, q++) s0 += (x[p]! - x[q]!) ** 2;
  return s0 + s1 + s2 + s3;
}

