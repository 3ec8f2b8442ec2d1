import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { squaredDistance } from './neighbour-heap.js';
import { pcaMatrix } from './pca.js';

describe('PCA', () => {
  it('projects on an orthonormal basis: rank-8 data in 40 columns keeps its distances on 8 components, and fewer only shrink them', async () => {
    const rand = seededRandom(5);
    const [n, d, rank] = [400, 40, 8];
    const basis = Array.from({ length: rank * d }, () => rand() - 0.5);
    const values = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const z = Array.from({ length: rank }, (_, r) => (rand() - 0.5) * (rank - r));
      for (let c = 0; c < d; c++) values[i * d + c] = 3 + z.reduce((s, v, r) => s + v * basis[r * d + c]!, 0);
    }
    const m = { values, rows: n, cols: d };
    const full = await pcaMatrix(m, rank);
    const fewer = await pcaMatrix(m, 3);
    for (let i = 0; i < 50; i++) {
      const j = n - 1 - i;
      const original = squaredDistance(values, d, i, j);
      expect(squaredDistance(full.values, rank, i, j)).toBeCloseTo(original, 2);
      expect(squaredDistance(fewer.values, 3, i, j)).toBeLessThanOrEqual(original * (1 + 1e-5));
    }
  });
});
