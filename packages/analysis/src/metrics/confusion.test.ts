import { describe, expect, it } from 'vitest';
import { confusionMatrix, perClassAccuracy } from './confusion.js';

describe('confusion matrix', () => {
  it('counts actual x predicted pairs', () => {
    const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3);
    expect(m).toEqual([[1, 1, 0], [0, 1, 0], [1, 0, 2]]);
    expect(perClassAccuracy(m)).toEqual([0.5, 1, 2 / 3]);
  });

  it('rejects mismatched lengths and ids out of range', () => {
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(/1 actual vs 2 predicted/);
    expect(() => confusionMatrix([0, 3], [0, 1], 2)).toThrow(/label pair \(3, 1\) at 1 is outside 0..1/);
  });
});
