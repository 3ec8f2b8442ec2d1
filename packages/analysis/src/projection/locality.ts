import type { Neighbours } from './knn.js';

/**
 * An order of the points in which neighbours sit close together: breadth-first over the kNN graph (as
 * Cuthill–McKee orders a sparse matrix). t-SNE's attraction reads every neighbour's position each iteration; in
 * this order those reads hit the cache instead of memory (the positions of 70,000 points outgrow L2).
 * Returns order[new] = old.
 */
export function localityOrder({ indices }: Neighbours, n: number, k: number): Int32Array {
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  for (let start = 0; start < n; start++) {
    if (seen[start]) continue;
    seen[start] = 1;
    order[tail++] = start;
    while (head < tail) {
      const i = order[head++]!;
      for (let c = i * k; c < (i + 1) * k; c++) {
        const j = indices[c]!;
        if (!seen[j]) {
          seen[j] = 1;
          order[tail++] = j;
        }
      }
    }
  }
  return order;
}

/** The kNN lists relabelled to `order` (row r is old point order[r], neighbour ids renumbered alike). */
export function reorderNeighbours({ indices, distances }: Neighbours, order: Int32Array, k: number): Neighbours {
  const n = order.length;
  const position = new Int32Array(n);
  order.forEach((old, r) => (position[old] = r));
  const outIndices = new Int32Array(n * k);
  const outDistances = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    const o = order[r]! * k;
    for (let c = 0; c < k; c++) outIndices[r * k + c] = position[indices[o + c]!]!;
    outDistances.set(distances.subarray(o, o + k), r * k);
  }
  return { indices: outIndices, distances: outDistances };
}
