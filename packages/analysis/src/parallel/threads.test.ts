import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@lstmkit/datasets/node';
import type { Matrix } from '../matrix.js';
import { nodeThreads } from '../node.js';
import { seededRandom } from '../random.js';
import { FftRepulsion } from '../projection/fft-repulsion.js';
import { nearestNeighbours } from '../projection/knn.js';
import { tsne } from '../projection/tsne.js';
import { trustworthiness } from '../projection/trustworthiness.js';
import { oneThread, Threads, webThreads } from './threads.js';

// Two threads even on a one-core machine: what is tested is that the split work adds up to the whole.
const threads = nodeThreads(2)!;
afterAll(() => threads.close());

let digits: Matrix;
beforeAll(async () => {
  const { test } = await loadDataset('mnist', { seed: 1 });
  digits = { values: test.x.slice(0, 600 * 784), rows: 600, cols: 784 };
});

describe('threads', () => {
  it('split the near field and its sums: the same repulsive forces as one thread, to rounding', async () => {
    const rand = seededRandom(3);
    const n = 3000;
    const y = Float64Array.from({ length: 2 * n }, (_, q) => 30 * (q % 10 < 5 ? 1 : -1) + 8 * rand());
    const one = new Float64Array(2 * n);
    const two = new Float64Array(2 * n);
    const single = new FftRepulsion(n, { grid: 64 }, oneThread);
    const split = new FftRepulsion(n, { grid: 64 }, threads);
    const z1 = await single.compute(y, one);
    const z2 = await split.compute(y, two);
    expect(single.lastGrid.nearRadius).toBeGreaterThan(0); // the near field ran
    expect(Math.abs(z2 - z1) / z1).toBeLessThan(1e-12);
    let err = 0;
    let norm = 0;
    for (let q = 0; q < 2 * n; q++) [err, norm] = [err + (two[q]! - one[q]!) ** 2, norm + one[q]! ** 2];
    expect(Math.sqrt(err / norm)).toBeLessThan(1e-12);
  });

  it('t-SNE on two threads embeds 600 digits exactly as one thread does, by FFT and by Barnes–Hut', async () => {
    for (const method of ['fft', 'barnes-hut'] as const) {
      const options = { iterations: 500, seed: 0, method } as const;
      const single = await tsne(digits, options);
      const split = await tsne(digits, { ...options, threads });
      expect(trustworthiness(digits, split, 10)).toBeGreaterThan(0.9);
      expect(Array.from(split.values)).toEqual(Array.from(single.values));
    }
  });

  it('find the same approximate neighbours as one thread (the trees shared, their heaps merged in one order)', async () => {
    const options = { method: 'approximate', seed: 2, trees: 5 } as const;
    const one = await nearestNeighbours(digits, 15, options);
    const two = await nearestNeighbours(digits, 15, { ...options, threads });
    expect(Array.from(two.indices)).toEqual(Array.from(one.indices));
    expect(Array.from(two.distances)).toEqual(Array.from(one.distances));
  });

  it('keep a plain Node process alive while parts are in flight, and let it exit when closed (the built package)', () => {
    const dist = new URL('../../dist/', import.meta.url);
    expect(existsSync(new URL('node.js', dist)), 'build @lstmkit/analysis first (pnpm test does)').toBe(true);
    // Nothing else holds the event loop: each await on a worker's reply must.
    const code = `import { tsne } from '${new URL('index.js', dist).href}';
      import { nodeThreads } from '${new URL('node.js', dist).href}';
      const threads = nodeThreads(2);
      const values = Float32Array.from({ length: 3000 * 8 }, (_, i) => Math.sin(i * 12.9898) * 43.5 % 1);
      const y = await tsne({ values, rows: 3000, cols: 8 }, { iterations: 40, method: 'fft', threads, seed: 0 });
      threads.close();
      console.log('embedded', y.rows, Number.isFinite(y.values[0]));`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim()).toBe('embedded 3000 true');
  });

  it('a failing part rejects the run with the thread error; one core or no shared memory means no threads', async () => {
    // Every part lacks its rows; this thread is busy long enough for the worker to claim the first part and fail.
    const broken = { kernel: 'attractionRows', args: { y: new Float64Array(4) }, parts: 4 } as const;
    const busy = () => {
      for (const until = Date.now() + 1500; Date.now() < until; ); // ample, even on a loaded machine
    };
    await expect(threads.run([broken], busy)).rejects.toThrow(/analysis thread: TypeError/);
    await expect(threads.run([broken])).rejects.toThrow(/Cannot read properties/); // whichever thread claims first
    await expect(oneThread.run([broken])).rejects.toThrow(TypeError);
    expect(nodeThreads(1)).toBeUndefined();
    expect(webThreads(4)).toBeUndefined(); // Node has no Web Workers
    expect(threads).toBeInstanceOf(Threads);
    expect(threads.size).toBe(2);
  });
});
