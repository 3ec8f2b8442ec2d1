import FFT from 'fft.js';

/**
 * In-place 2-D FFT of an L×L complex grid (interleaved re, im; row-major), built from fft.js' radix-4 1-D
 * transforms. Power-of-two sizes only, which is fft.js' contract; the t-SNE grid is sized to fit.
 * Columns are transformed as rows of the transposed grid (a blocked transpose is far cheaper than strided
 * column copies), and the spectrum is left transposed: the callers multiply it by the spectrum of a kernel
 * that is symmetric in its two axes, whose transpose is itself, then invert. Zero padding skips work:
 * `forward` transforms only the first `rows` rows (the rest are zero) and `inverse` only produces them.
 */
export class GridFft {
  readonly size: number;
  private readonly fft: FFT;
  private readonly out: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.fft = new FFT(size);
    this.out = new Float64Array(2 * size);
  }

  /** The transposed spectrum of `grid`, whose rows from `rows` on are zero. */
  forward(grid: Float64Array, rows = this.size): void {
    this.rowPass(grid, rows, false);
    transpose(grid, this.size);
    this.rowPass(grid, this.size, false);
  }

  /** The inverse of `forward` (scaled by 1/L²), of which only rows [0, rows) are computed. */
  inverse(grid: Float64Array, rows = this.size): void {
    this.rowPass(grid, this.size, true);
    transpose(grid, this.size);
    this.rowPass(grid, rows, true);
  }

  private rowPass(grid: Float64Array, rows: number, inverse: boolean): void {
    const w = 2 * this.size;
    for (let r = 0; r < rows; r++) {
      const row = grid.subarray(r * w, (r + 1) * w);
      if (inverse) this.fft.inverseTransform(this.out, row);
      else this.fft.transform(this.out, row);
      row.set(this.out);
    }
  }
}

/** In-place transpose of an L×L interleaved complex matrix, in 16×16 blocks for the cache. */
function transpose(g: Float64Array, l: number): void {
  const b = Math.min(16, l);
  for (let bi = 0; bi < l; bi += b) {
    for (let bj = bi; bj < l; bj += b) {
      for (let i = bi; i < bi + b; i++) {
        for (let j = bi === bj ? i + 1 : bj; j < bj + b; j++) {
          const p = 2 * (i * l + j);
          const q = 2 * (j * l + i);
          const re = g[p]!;
          const im = g[p + 1]!;
          g[p] = g[q]!;
          g[p + 1] = g[q + 1]!;
          g[q] = re;
          g[q + 1] = im;
        }
      }
    }
  }
}
