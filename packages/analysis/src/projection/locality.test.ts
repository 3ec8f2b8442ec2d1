import { describe, expect, it } from 'vitest';
import { localityOrder, reorderNeighbours } from './locality.js';

describe('locality order', () => {
  it('visits neighbours together (breadth-first) and relabels the kNN lists consistently', () => {
    // Two chains, 0-2-4 and 1-3-5 (each point's 1 neighbour), interleaved in memory.
    const knn = { indices: Int32Array.from([2, 3, 4, 5, 2, 3]), distances: Float32Array.from([1, 1, 2, 2, 3, 3]) };
    const order = localityOrder(knn, 6, 1);
    expect(Array.from(order)).toEqual([0, 2, 4, 1, 3, 5]);
    const re = reorderNeighbours(knn, order, 1);
    // Row r is old point order[r]; its neighbour is renamed to its new position.
    expect(Array.from(re.indices)).toEqual([1, 2, 1, 4, 5, 4]);
    expect(Array.from(re.distances)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
