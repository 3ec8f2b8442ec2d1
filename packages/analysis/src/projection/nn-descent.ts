import { squaredDistance, type NeighbourHeap } from './neighbour-heap.js';

/**
 * One round of NN-descent (Dong, Charikar & Li 2011, as pynndescent runs it): a neighbour of a neighbour is
 * likely a neighbour. Samples up to `c` new and old neighbours per point (both directions of every edge),
 * compares the new ones with each other and with the old ones, and offers every pair to both heaps. Returns how
 * many heap entries improved (rounds stop when that gets small).
 */
export function nnDescent(x: Float32Array, dims: number, heap: NeighbourHeap, c: number, rand: () => number): number {
  const { n, k, indices, fresh } = heap;
  const newIds = new Int32Array(n * c);
  const newPri = new Float64Array(n * c);
  const newLen = new Int32Array(n);
  const oldIds = new Int32Array(n * c);
  const oldPri = new Float64Array(n * c);
  const oldLen = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let s = i * k; s < (i + 1) * k; s++) {
      const j = indices[s]!;
      if (j < 0) continue;
      const p = rand();
      if (fresh[s]) {
        offer(newIds, newPri, newLen, c, i, j, p);
        offer(newIds, newPri, newLen, c, j, i, p);
      } else {
        offer(oldIds, oldPri, oldLen, c, i, j, p);
        offer(oldIds, oldPri, oldLen, c, j, i, p);
      }
    }
  }
  // Entries sampled as new are old from now on.
  for (let i = 0; i < n; i++) {
    for (let s = i * k; s < (i + 1) * k; s++) {
      if (!fresh[s]) continue;
      const j = indices[s]!;
      for (let t = i * c; t < i * c + newLen[i]!; t++) {
        if (newIds[t] === j) {
          fresh[s] = 0;
          break;
        }
      }
    }
  }
  let updates = 0;
  for (let i = 0; i < n; i++) {
    const nb = i * c;
    const nl = newLen[i]!;
    for (let a = 0; a < nl; a++) {
      const p = newIds[nb + a]!;
      for (let b = a + 1; b < nl; b++) {
        const q = newIds[nb + b]!;
        const d = squaredDistance(x, dims, p, q);
        updates += +heap.push(p, d, q) + +heap.push(q, d, p);
      }
      for (let b = i * c; b < i * c + oldLen[i]!; b++) {
        const q = oldIds[b]!;
        if (q === p) continue;
        const d = squaredDistance(x, dims, p, q);
        updates += +heap.push(p, d, q) + +heap.push(q, d, p);
      }
    }
  }
  return updates;
}

/** Keeps the `c` lowest-priority ids per row (a random sample when priorities are random). */
function offer(ids: Int32Array, pri: Float64Array, len: Int32Array, c: number, row: number, id: number, p: number): void {
  const o = row * c;
  const m = len[row]!;
  for (let t = o; t < o + m; t++) if (ids[t] === id) return;
  if (m < c) {
    ids[o + m] = id;
    pri[o + m] = p;
    len[row] = m + 1;
    return;
  }
  let worst = o;
  for (let t = o + 1; t < o + c; t++) if (pri[t]! > pri[worst]!) worst = t;
  if (p < pri[worst]!) {
    ids[worst] = id;
    pri[worst] = p;
  }
}
