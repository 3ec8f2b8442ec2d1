import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@lstmkit/datasets/node';
import type { Matrix } from '../matrix.js';
import { tsne, type TsneStage } from './tsne.js';
import { trustworthiness } from './trustworthiness.js';

// tsne-js (exact, O(N²) per iteration) is the reference for the Barnes–Hut method's quality on small N.
const TSNE = createRequire(import.meta.url)('tsne-js') as new (o: object) => { init(o: object): void; run(): void; getOutput(): number[][] };

let digits: Matrix;
beforeAll(async () => {
  const { test } = await loadDataset('mnist', { seed: 1 });
  digits = { values: test.x.slice(0, 600 * 784), rows: 600, cols: 784 };
});

const first = (m: Matrix, rows: number): Matrix => ({ values: m.values.slice(0, rows * m.cols), rows, cols: m.cols });

describe('t-SNE', () => {
  it('Barnes–Hut preserves neighbourhoods as well as exact t-SNE (tsne-js) on 200 real digits, within 0.03 trustworthiness', async () => {
    const small = first(digits, 200);
    const fast = await tsne(small, { perplexity: 20, iterations: 500, method: 'barnes-hut' });
    expect([fast.rows, fast.cols]).toEqual([200, 2]);
    const exact = new TSNE({ dim: 2, perplexity: 20, earlyExaggeration: 4, learningRate: 100, nIter: 500, metric: 'euclidean' });
    exact.init({ data: Array.from({ length: 200 }, (_, i) => Array.from(small.values.subarray(i * 784, (i + 1) * 784))), type: 'dense' });
    exact.run();
    const ref: Matrix = { values: Float32Array.from(exact.getOutput().flat()), rows: 200, cols: 2 };
    const tFast = trustworthiness(small, fast, 10);
    expect(tFast).toBeGreaterThan(0.85);
    expect(tFast).toBeGreaterThan(trustworthiness(small, ref, 10) - 0.03);
  });

  it('FFT interpolation embeds 600 real digits as well as Barnes–Hut (trustworthiness within 0.01), reproducibly', async () => {
    const options = { iterations: 500, seed: 0 } as const;
    const bh = await tsne(digits, { ...options, method: 'barnes-hut' });
    const fft = await tsne(digits, { ...options, method: 'fft' });
    const tBh = trustworthiness(digits, bh, 10);
    const tFft = trustworthiness(digits, fft, 10);
    expect(tFft).toBeGreaterThan(0.9);
    expect(Math.abs(tFft - tBh)).toBeLessThan(0.01);
    const again = await tsne(digits, { ...options, method: 'fft' });
    expect(Array.from(again.values)).toEqual(Array.from(fft.values));
  });

  it('reports each stage in order and stops when aborted', async () => {
    const small = first(digits, 300);
    const stages: TsneStage[] = [];
    await tsne(small, { iterations: 60, onProgress: (_d, _t, stage) => void (stages.at(-1) === stage || stages.push(stage)) });
    expect(stages).toEqual(['neighbours', 'affinities', 'iterations']);
    const controller = new AbortController();
    let last = 0;
    const run = tsne(small, {
      iterations: 1000,
      signal: controller.signal,
      onProgress: (done, _t, stage) => {
        if (stage !== 'iterations') return;
        last = done;
        if (done >= 50) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(last).toBeLessThan(1000);
  });

  it('rejects bad input by name', async () => {
    const small = first(digits, 60);
    await expect(tsne(small, { perplexity: 30 })).rejects.toThrow(/perplexity: 30 needs more than 90 points \(got 60\)/);
    await expect(tsne({ ...small, values: small.values.map((v, i) => (i === 5 ? NaN : v)) })).rejects.toThrow(/row 0, column 5 is NaN/);
    await expect(tsne(small, { perplexity: 5, method: 'quadtree' as 'fft' })).rejects.toThrow(/method: "quadtree" is not one of auto, barnes-hut, fft/);
  });

  it('needs no tfjs: the projection code is plain typed-array arithmetic', () => {
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources).toContain('tsne.ts');
    for (const f of sources) expect(readFileSync(new URL(f, dir), 'utf8')).not.toMatch(/@tensorflow/);
  });
});
