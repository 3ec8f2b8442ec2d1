import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@lstmkit/datasets/node';
import type { Matrix } from '../matrix.js';
import { nearestNeighbours } from './knn.js';

let digits: Matrix;
beforeAll(async () => {
  const { test } = await loadDataset('mnist', { seed: 1 });
  digits = { values: test.x.slice(0, 1500 * 784), rows: 1500, cols: 784 };
});

describe('nearest neighbours', () => {
  it('exact: every pair compared, nearest first, never the point itself', async () => {
    const m: Matrix = { values: Float32Array.from([0, 0, 1, 0, 5, 5, 0, 2, 6, 5]), rows: 5, cols: 2 };
    const { indices, distances } = await nearestNeighbours(m, 2, { method: 'exact' });
    expect(Array.from(indices.subarray(0, 2))).toEqual([1, 3]);
    expect(Array.from(distances.subarray(0, 2))).toEqual([1, 4]);
    expect(Array.from(indices.subarray(4, 6))).toEqual([4, 3]); // point (5,5): (6,5) at 1, then (0,2) at 34
    await expect(nearestNeighbours(m, 5)).rejects.toThrow(/k = 5 needs 1 <= k < 5/);
  });

  it('approximate (random-projection trees + NN-descent) recalls 85% of the exact 90 neighbours of 1,500 digits (pixels), 96% with more NN-descent work', async () => {
    const k = 90;
    const exact = await nearestNeighbours(digits, k, { method: 'exact' });
    const recall = (approx: { indices: Int32Array }) => {
      let found = 0;
      for (let i = 0; i < digits.rows; i++) {
        const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
        for (const j of approx.indices.subarray(i * k, (i + 1) * k)) if (truth.has(j)) found++;
      }
      return found / (digits.rows * k);
    };
    const stages: number[] = [];
    const approx = await nearestNeighbours(digits, k, { method: 'approximate', seed: 3, onProgress: (d) => void stages.push(d) });
    const quick = recall(approx);
    expect(quick).toBeGreaterThan(0.85);
    expect(recall(await nearestNeighbours(digits, k, { method: 'approximate', seed: 3, rounds: 3, candidates: 20 }))).toBeGreaterThan(Math.max(0.96, quick));
    expect(stages.at(-1)).toBeGreaterThan(1);
    for (let i = 0; i < digits.rows; i++) expect(approx.indices.subarray(i * k, (i + 1) * k)).not.toContain(i);
    // True squared distances, nearest first; the same seed gives the same graph.
    const d = Array.from(approx.distances.subarray(0, k));
    expect(d).toEqual([...d].sort((a, b) => a - b));
    const j = approx.indices[k - 1]!;
    let sq = 0;
    for (let c = 0; c < 784; c++) sq += (digits.values[c]! - digits.values[j * 784 + c]!) ** 2;
    expect(d[k - 1]).toBeCloseTo(sq, 1);
    const again = await nearestNeighbours(digits, k, { method: 'approximate', seed: 3 });
    expect(Array.from(again.indices)).toEqual(Array.from(approx.indices));
  });
});
