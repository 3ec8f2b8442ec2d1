import { describe, expect, it } from 'vitest';
import type { Matrix } from '../matrix.js';
import { trustworthiness } from './trustworthiness.js';

describe('trustworthiness', () => {
  it('is 1 for an embedding that keeps every neighbourhood and drops when neighbours are invented', () => {
    const points: Matrix = { values: Float32Array.from({ length: 400 }, (_, q) => Math.sin(q * 12.9898) * 43758.5453 % 1), rows: 200, cols: 2 };
    expect(trustworthiness(points, points, 5)).toBe(1);
    const flipped: Matrix = { ...points, values: points.values.map((v, q) => (q % 2 === 0 ? v : Math.floor(q / 2) / 200)) };
    const t = trustworthiness(points, flipped, 5);
    expect(t).toBeLessThan(0.9);
    expect(t).toBeGreaterThan(0.3);
  });
});
