import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@lstmkit/datasets/node';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Matrix } from '../matrix.js';
import { nearestNeighbours, nearestNeighboursJs } from './knn.js';
import { tsne } from './tsne.js';
import { trustworthiness } from './trustworthiness.js';

// tsne-js (exact, O(N²) per iteration) is the reference for the Barnes–Hut method's quality on small N.
const TSNE = createRequire(import.meta.url)('tsne-js') as new (o: object) => { init(o: object): void; run(): void; getOutput(): number[][] };

let digits: Matrix;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const { test } = await loadDataset('mnist', { seed: 1 });
  digits = { values: test.x.slice(0, 200 * 784), rows: 200, cols: 784 };
});

describe('Barnes–Hut t-SNE', () => {
  it('finds the exact nearest neighbours, leaving no tensors behind', async () => {
    const m: Matrix = { values: Float32Array.from([0, 0, 1, 0, 5, 5, 0, 2, 6, 5]), rows: 5, cols: 2 };
    const tensors = tf.memory().numTensors;
    const { indices, distances } = await nearestNeighbours(m, 2);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Array.from(indices.subarray(0, 2))).toEqual([1, 3]);
    expect(Array.from(distances.subarray(0, 2))).toEqual([1, 4]);
    expect(Array.from(indices.subarray(4, 6))).toEqual([4, 3]); // point (5,5): (6,5) at 1, then (0,2) at 34
    // Without tfjs (an app that has only @lstmkit/analysis), a plain loop finds the same neighbours.
    const plain = nearestNeighboursJs(digits, 5);
    const fast = await nearestNeighbours(digits, 5);
    expect(Array.from(plain.indices)).toEqual(Array.from(fast.indices));
    for (let i = 0; i < plain.distances.length; i++) expect(Math.abs(plain.distances[i]! - fast.distances[i]!)).toBeLessThan(1e-3 * fast.distances[i]!);
  });

  it('preserves neighbourhoods as well as exact t-SNE (tsne-js) on 200 real digits, within 0.03 trustworthiness', async () => {
    const progress: number[] = [];
    const fast = await tsne(digits, { perplexity: 20, iterations: 500, seed: 0, onProgress: (i) => void progress.push(i) });
    expect([fast.rows, fast.cols]).toEqual([200, 2]);
    expect(progress.at(-1)).toBe(500);
    const exact = new TSNE({ dim: 2, perplexity: 20, earlyExaggeration: 4, learningRate: 100, nIter: 500, metric: 'euclidean' });
    exact.init({ data: Array.from({ length: 200 }, (_, i) => Array.from(digits.values.subarray(i * 784, (i + 1) * 784))), type: 'dense' });
    exact.run();
    const ref: Matrix = { values: Float32Array.from(exact.getOutput().flat()), rows: 200, cols: 2 };
    const tFast = trustworthiness(digits, fast, 10);
    const tExact = trustworthiness(digits, ref, 10);
    expect(tFast).toBeGreaterThan(0.85);
    expect(tFast).toBeGreaterThan(tExact - 0.03);
  });

  it('is reproducible and rejects bad input by name', async () => {
    const small: Matrix = { values: digits.values.slice(0, 60 * 784), rows: 60, cols: 784 };
    const a = await tsne(small, { perplexity: 5, iterations: 100 });
    const b = await tsne(small, { perplexity: 5, iterations: 100 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    await expect(tsne(small, { perplexity: 30 })).rejects.toThrow(/perplexity: 30 needs more than 90 points \(got 60\)/);
    await expect(tsne({ ...small, values: small.values.map((v, i) => (i === 5 ? NaN : v)) })).rejects.toThrow(/row 0, column 5 is NaN/);
  });
});
