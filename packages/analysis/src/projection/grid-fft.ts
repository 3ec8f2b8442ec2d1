import FFT from 'fft.js';

/**
 * In-place 2-D FFT of an L×L complex grid (interleaved re, im; row-major), built from fft.js' radix-4 1-D
 * transforms (rows, then columns). Power-of-two sizes only, which is fft.js' contract; the t-SNE grid is sized
 * to fit. Zero-padded inputs skip work: `forward` transforms only the first `rows` rows (the rest are zero) and
 * `inverse` only produces the first `rows` rows.
 */
export class GridFft {
  readonly size: number;
  private readonly fft: FFT;
  private readonly column: Float64Array;
  private readonly out: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.fft = new FFT(size);
    this.column = new Float64Array(2 * size);
    this.out = new Float64Array(2 * size);
  }

  forward(grid: Float64Array, rows = this.size): void {
    this.rowPass(grid, rows, false);
    this.columnPass(grid, false);
  }

  /** The inverse transform (scaled by 1/L²), of which only rows [0, rows) are computed. */
  inverse(grid: Float64Array, rows = this.size): void {
    this.columnPass(grid, true);
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

  private columnPass(grid: Float64Array, inverse: boolean): void {
    const l = this.size;
    const { column, out } = this;
    for (let c = 0; c < l; c++) {
      for (let r = 0, k = 2 * c; r < l; r++, k += 2 * l) {
        column[2 * r] = grid[k]!;
        column[2 * r + 1] = grid[k + 1]!;
      }
      if (inverse) this.fft.inverseTransform(out, column);
      else this.fft.transform(out, column);
      for (let r = 0, k = 2 * c; r < l; r++, k += 2 * l) {
        grid[k] = out[2 * r]!;
        grid[k + 1] = out[2 * r + 1]!;
      }
    }
  }
}
