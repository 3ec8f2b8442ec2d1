import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { loadDataset } from '../node.js';
import { inverseMinMax } from '../reshape/normalize.js';

describe('timeseries plugin', () => {
  it('cuts windows, splits chronologically and scales with training statistics only', async () => {
    // 0, 1, ..., 19: windows of 4 -> next value; the last 25% of windows are the test set.
    const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-ts-')), 's.csv');
    writeFileSync(path, `"t","v"\r\n${Array.from({ length: 20 }, (_, i) => `"d${i}",${i}`).join('\r\n')}`);
    const { train, test } = await loadDataset('timeseries', { source: path, lookback: 4, testFraction: 0.25 });
    expect(train.shape).toEqual([12, 4, 1]);
    expect(test.shape).toEqual([4, 4, 1]);
    const p = train.preprocessing as { kind: 'minmax'; min: number[]; max: number[]; columns: string[] };
    expect(p).toMatchObject({ kind: 'minmax', columns: ['v'], min: [0], max: [15] }); // train windows see steps 0..15
    expect(Array.from(inverseMinMax(train.x.subarray(0, 4), p, 'v'))).toEqual([0, 1, 2, 3]);
    expect(inverseMinMax([train.y[0]!], p, 'v')[0]).toBeCloseTo(4);
    expect(inverseMinMax([test.y[3]!], p, 'v')[0]).toBeCloseTo(19); // test values may leave [0, 1]
    const multi = await loadDataset('timeseries', { source: path, lookback: 4, horizon: 3, testFraction: 0.25 });
    expect(multi.train.targetShape).toEqual([3, 1]);
    expect(multi.train.y.length).toBe(multi.train.shape[0] * 3);
    await expect(loadDataset('timeseries', { source: path, lookback: 19, horizon: 2 })).rejects.toThrow(/20 time steps are too few/);
    await expect(loadDataset('timeseries', { source: path, target: 'x' })).rejects.toThrow(/target "x": not among the value columns v/);
  });

  it.runIf(hasSharedData('timeseries'))('reads the airline passengers series', async () => {
    const { train, test } = await loadDataset('timeseries', { source: `${SHARED_DATA}/timeseries/airline-passengers.csv`, lookback: 12 });
    expect(train.shape[0] + test.shape[0]).toBe(144 - 12);
    const p = train.preprocessing as { kind: 'minmax'; min: number[]; max: number[]; columns: string[] };
    expect(p.columns).toEqual(['Passengers']);
    expect(p.min[0]).toBe(104);
    expect(inverseMinMax([train.y[0]!], p, 'Passengers')[0]).toBeCloseTo(115, 3); // 1950-01
  });
});
