import { describe, expect, it } from 'vitest';
import { loadDataset } from '../index.js';

describe('echo plugin (W3)', () => {
  it('makes seeded one-hot sequences whose target is the value at the index', async () => {
    const { train, test } = await loadDataset('echo', { seed: 4, trainSamples: 50, testSamples: 10, length: 6, features: 7, index: 3 });
    expect(train.shape).toEqual([50, 6, 7]);
    expect(test.shape).toEqual([10, 6, 7]);
    for (let i = 0; i < 50; i++) {
      for (let t = 0; t < 6; t++) expect(train.x.subarray((i * 6 + t) * 7, (i * 6 + t + 1) * 7).reduce((a, b) => a + b, 0)).toBe(1);
      expect(train.x[(i * 6 + 3) * 7 + train.y[i]!]).toBe(1);
    }
    const again = await loadDataset('echo', { seed: 4, trainSamples: 50, testSamples: 10, length: 6, features: 7, index: 3 });
    expect(Array.from(again.train.x)).toEqual(Array.from(train.x));
    await expect(loadDataset('echo', { index: 5 })).rejects.toThrow(/echo option "index": expected an integer in 0..4/);
  });
});
