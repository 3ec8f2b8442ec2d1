import { describe, expect, it } from 'vitest';
import type { SequenceDataset } from '../types.js';
import { imagesToSequences } from './images.js';
import { classCounts, oneHot } from './labels.js';
import { minMaxScale } from './normalize.js';
import { concatDatasets, limitSamples, shuffleDataset, splitDataset, subset } from './subset.js';

/** 100 samples of 2 timesteps x 1 feature; x encodes the sample index, y = index % 4. */
const ds: SequenceDataset = {
  name: 't',
  source: 'test',
  x: Float32Array.from({ length: 200 }, (_, i) => Math.floor(i / 2)),
  shape: [100, 2, 1],
  y: Int32Array.from({ length: 100 }, (_, i) => i % 4),
  task: 'multiclass',
};

describe('reshapers', () => {
  it('images -> sequences scales uint8 to [0, 1] and checks the size', () => {
    expect(Array.from(imagesToSequences(new Uint8Array([0, 255, 51, 102]), 1, 2, 2))).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    expect(() => imagesToSequences(new Uint8Array(3), 1, 2, 2)).toThrow(/3 values for 1 x 2 x 2/);
  });

  it('one-hot encodes and rejects out-of-range labels', () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => oneHot([3], 3)).toThrow(/label 3 at index 0 is outside 0..2/);
  });

  it('min-max scales to [0, 1]', () => {
    expect(Array.from(minMaxScale(Float32Array.from([2, 4, 6])))).toEqual([0, 0.5, 1]);
  });

  it('subset keeps samples whole and in order', () => {
    const s = subset(ds, [5, 1]);
    expect(Array.from(s.x)).toEqual([5, 5, 1, 1]);
    expect(Array.from(s.y)).toEqual([1, 1]);
    expect(s.shape).toEqual([2, 2, 1]);
  });

  it('concatenates datasets of the same sample shape, refusing others', () => {
    const both = concatDatasets(subset(ds, [5]), subset(ds, [1, 2]));
    expect(Array.from(both.x)).toEqual([5, 5, 1, 1, 2, 2]);
    expect(Array.from(both.y)).toEqual([1, 1, 2]);
    expect(both.shape).toEqual([3, 2, 1]);
    expect(() => concatDatasets(ds, { ...ds, shape: [50, 1, 2] })).toThrow(/samples of 2x1 \(multiclass\) and 1x2/);
  });

  it('shuffles reproducibly by seed, keeping x and y together', () => {
    const a = shuffleDataset(ds, 7);
    expect(Array.from(a.x)).toEqual(Array.from(shuffleDataset(ds, 7).x));
    expect(Array.from(a.x)).not.toEqual(Array.from(ds.x));
    for (let i = 0; i < 100; i++) expect(a.y[i]).toBe(a.x[2 * i]! % 4);
    expect(limitSamples(ds, 10, 1).shape[0]).toBe(10);
  });

  it('splits train/validation/test, stratified and disjoint', () => {
    const { train, validation, test } = splitDataset(ds, { test: 0.2, validation: 0.1 }, 1);
    expect([train.shape[0], validation!.shape[0], test!.shape[0]]).toEqual([70, 10, 20]);
    expect(classCounts(test!.y, 4)).toEqual([5, 5, 5, 5]);
    const seen = new Set([...train.x, ...validation!.x, ...test!.x]);
    expect(seen.size).toBe(100);
    expect(() => splitDataset(ds, { test: 0.6, validation: 0.5 }, 1)).toThrow(/sum to < 1/);
  });
});
