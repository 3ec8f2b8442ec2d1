import { describe, expect, it } from 'vitest';
// tfjs' cpu backend: @lstmkit/models needs a backend, which apps get from @lstmkit/trainer (cpu, wasm, …).
import '@tensorflow/tfjs-backend-cpu';
import { orthogonal, orthogonalValues } from './orthogonal.js';

/** Max |(A A^T or A^T A) - I| over the smaller side, for a row-major rows x cols matrix. */
function gramError(a: Float32Array, rows: number, cols: number): number {
  const rowsOrthonormal = rows <= cols;
  const k = rowsOrthonormal ? rows : cols;
  let worst = 0;
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      let dot = 0;
      if (rowsOrthonormal) for (let c = 0; c < cols; c++) dot += a[p * cols + c]! * a[q * cols + c]!;
      else for (let r = 0; r < rows; r++) dot += a[r * cols + p]! * a[r * cols + q]!;
      worst = Math.max(worst, Math.abs(dot - (p === q ? 1 : 0)));
    }
  }
  return worst;
}

describe('orthogonal initializer', () => {
  it('gives orthonormal rows (wide) or columns (tall), scaled by gain', () => {
    expect(gramError(orthogonalValues([128, 512], 1, 1), 128, 512)).toBeLessThan(1e-5);
    expect(gramError(orthogonalValues([300, 40], 1, 2), 300, 40)).toBeLessThan(1e-5);
    const g = orthogonalValues([4, 4], 2, 3);
    expect(gramError(g.map((v) => v / 2), 4, 4)).toBeLessThan(1e-5);
  });

  it('is seeded, and keeps the stock class name and config for saving', () => {
    expect(Array.from(orthogonalValues([8, 32], 1, 7))).toEqual(Array.from(orthogonalValues([8, 32], 1, 7)));
    expect(Array.from(orthogonalValues([8, 32], 1, 7))).not.toEqual(Array.from(orthogonalValues([8, 32], 1, 8)));
    const init = orthogonal(1, 5);
    expect(init.getClassName()).toBe('Orthogonal');
    expect(init.getConfig()).toMatchObject({ gain: 1, seed: 5 });
    expect(init.apply([3, 12]).shape).toEqual([3, 12]);
  });
});
