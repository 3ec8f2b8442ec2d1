import { squaredDistance, type NeighbourHeap } from './neighbour-heap.js';

/**
 * Seeds a k-NN graph from a forest of random-projection trees (as Annoy and pynndescent do): each tree splits
 * the points recursively by the hyperplane halfway between two random points until a leaf holds at most
 * `leafSize`; every pair inside a leaf is offered to both points' heaps. Close points share leaves often.
 */
export function rpForest(x: Float32Array, dims: number, heap: NeighbourHeap, trees: number, leafSize: number, rand: () => number, onTree?: (done: number) => void): void {
  const n = heap.n;
  const order = new Int32Array(n);
  const side = new Float64Array(n);
  const normal = new Float64Array(dims);
  const stack: number[] = [];
  for (let t = 0; t < trees; t++) {
    for (let i = 0; i < n; i++) order[i] = i;
    stack.push(0, n);
    while (stack.length > 0) {
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      if (hi - lo <= leafSize) {
        for (let a = lo; a < hi; a++) {
          for (let b = a + 1; b < hi; b++) {
            const d = squaredDistance(x, dims, order[a]!, order[b]!);
            heap.push(order[a]!, d, order[b]!);
            heap.push(order[b]!, d, order[a]!);
          }
        }
        continue;
      }
      const mid = split(x, dims, order, lo, hi, side, normal, rand);
      stack.push(lo, mid, mid, hi);
    }
    onTree?.(t + 1);
  }
}

/** Partitions order[lo, hi) by a random hyperplane; returns the first index of the second half. */
function split(x: Float32Array, dims: number, order: Int32Array, lo: number, hi: number, side: Float64Array, normal: Float64Array, rand: () => number): number {
  const a = order[lo + Math.floor(rand() * (hi - lo))]!;
  let b = order[lo + Math.floor(rand() * (hi - lo))]!;
  for (let tries = 0; b === a && tries < 8; tries++) b = order[lo + Math.floor(rand() * (hi - lo))]!;
  let offset = 0;
  for (let c = 0; c < dims; c++) {
    normal[c] = x[a * dims + c]! - x[b * dims + c]!;
    offset += (normal[c]! * (x[a * dims + c]! + x[b * dims + c]!)) / 2;
  }
  for (let r = lo; r < hi; r++) {
    const p = order[r]! * dims;
    let s = -offset;
    for (let c = 0; c < dims; c++) s += normal[c]! * x[p + c]!;
    side[r] = s;
  }
  let i = lo;
  let j = hi - 1;
  while (i <= j) {
    if (side[i]! > 0) i++;
    else {
      [order[i], order[j]] = [order[j]!, order[i]!];
      [side[i], side[j]] = [side[j]!, side[i]!];
      j--;
    }
  }
  // Duplicates or a degenerate pair put everything on one side: halve the range instead.
  return i === lo || i === hi ? lo + ((hi - lo) >> 1) : i;
}
