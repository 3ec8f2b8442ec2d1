import { GridFft } from './grid-fft.js';
import type { Job } from '../parallel/kernels.js';
import { oneThread, type KernelRunner } from '../parallel/threads.js';
import type { Repulsion } from './repulsion.js';

/** Settings of the FFT-interpolated repulsion (FIt-SNE): box width, the near boxes summed exactly, the grid. */
export interface FftRepulsionOptions {
  /** Interpolation nodes per box and axis (Lagrange polynomials of this order − 1); default 3, as openTSNE. */
  readonly interpolationPoints?: number;
  /** Boxes up to this wide (embedding units) interpolate the whole kernel; default 0.5. */
  readonly boxWidth?: number;
  /** With wider boxes, pairs closer than max(nearRadius, nearBoxes · box width) are summed exactly; default 1.5. */
  readonly nearBoxes?: number;
  /** The smallest near-field radius, in embedding units; default 2. */
  readonly nearRadius?: number;
  /** FFT grid side (a power of two), or 'auto' (default): the side of least estimated work for the spread. */
  readonly grid?: number | 'auto';
}

/**
 * Estimated cost of one near pair (summed from both ends) against one unit of L² log₂ L FFT work. Threads share
 * the near pairs and, by taking more of them meanwhile, the FFT too: the grid of least total work is the fastest
 * for any number of threads, and so the same for all.
 */
const PAIR_COST = 1;
const GRIDS = [32, 64, 128, 256, 512, 1024, 2048];

/**
 * FFT-accelerated interpolation of the repulsive forces (FIt-SNE: Linderman et al. 2019, the method of openTSNE's
 * `negative_gradient_method="fft"`). The square around the embedding is cut into boxes with `p` equispaced nodes
 * per axis; each point's charges (1, x, y, x² + y²) are spread onto its box's p×p nodes by Lagrange
 * interpolation, the squared Cauchy kernel between all node pairs is applied as one convolution (a Toeplitz
 * matrix embedded in a circulant one, so one FFT product), and the node potentials are interpolated back.
 * O(N·p² + G² log G) per call for a G×G grid, instead of Barnes–Hut's O(N log N) tree walks.
 *
 * Differences from openTSNE, for speed in JavaScript:
 * - openTSNE keeps boxes ≤ 1 wide, so a t-SNE of 10,000 points (±90 units) needs a ~1,100² FFT, 10x slower
 *   than Barnes–Hut in JavaScript. Here wide boxes are allowed: the kernel is split, as particle–mesh codes do
 *   (P3M), into a part vanishing beyond a small radius, summed exactly over the pairs that close (a cell list),
 *   and a smooth rest that coarse boxes interpolate well. The grid side is chosen by estimated work.
 * - The FFT side is a power of two (fft.js' radix-4) and the boxes fill it; the four charges travel as two
 *   complex grids (real and imaginary parts), and the zero padding is skipped.
 */
export class FftRepulsion implements Repulsion {
  private readonly p: number;
  private readonly boxWidth: number;
  private readonly nearBoxes: number;
  private readonly nearRadius: number;
  private readonly grid: number | 'auto';
  private readonly threads: KernelRunner;
  private readonly near: NearField;
  private readonly nodes: Float64Array;
  private readonly denominators: Float64Array;
  private readonly base: Int32Array; // per point: first node column, first node row
  private readonly weights: Float64Array; // per point: p x-weights, then p y-weights
  private fft?: GridFft;
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  private kernel = new Float64Array(0);
  private kernelKey = '';
  /** How much denser than N / spread² the near pairs turned out (t-SNE clusters leave space empty). */
  private crowding = 1;
  /** The grid of the last call, for diagnostics. */
  lastGrid = { size: 0, boxes: 0, boxWidth: 0, nearRadius: 0 };

  constructor(n: number, options: FftRepulsionOptions = {}, threads: KernelRunner = oneThread) {
    this.p = options.interpolationPoints ?? 3;
    this.boxWidth = options.boxWidth ?? 0.5;
    this.nearBoxes = options.nearBoxes ?? 1.5;
    this.nearRadius = options.nearRadius ?? 2;
    this.grid = options.grid ?? 'auto';
    this.near = new NearField(n, threads);
    this.threads = threads;
    const p = this.p;
    this.nodes = Float64Array.from({ length: p }, (_, k) => (k + 0.5) / p);
    this.denominators = this.nodes.map((t, k) => this.nodes.reduce((d, u, m) => (m === k ? d : d * (t - u)), 1));
    this.base = new Int32Array(2 * n);
    this.weights = new Float64Array(2 * p * n);
  }

  /** The near-field radius for boxes h wide (0: none needed). */
  private radius(h: number): number {
    return h > this.boxWidth ? Math.max(this.nearRadius, this.nearBoxes * h) : 0;
  }

  /** The grid side of least estimated work: FFT L² log L against near pairs n · density · πR². */
  private side(n: number, spread: number): number {
    if (this.grid !== 'auto') return this.grid;
    const density = (this.crowding * n) / (spread * spread);
    let best = GRIDS[0]!;
    let bestCost = Infinity;
    for (const size of GRIDS) {
      const r = this.radius(spread / Math.floor(size / (2 * this.p)));
      const cost = size * size * Math.log2(size) + PAIR_COST * n * Math.min(n, density * Math.PI * r * r);
      if (cost < bestCost) [best, bestCost] = [size, cost];
      if (r === 0) break; // a bigger grid only costs more
    }
    return best;
  }

  /**
   * The grid part (spreading, FFT, interpolation) runs on the calling thread while the other threads start on the
   * near field's parts and `alongside`; then it joins them.
   */
  async compute(y: Float64Array, out: Float64Array, alongside: readonly Job[] = []): Promise<number> {
    const n = this.base.length / 2;
    let lo = Infinity;
    let hi = -Infinity;
    for (let q = 0; q < 2 * n; q++) {
      const v = y[q]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const spread = Math.max(hi - lo, 1e-9);
    const size = this.side(n, spread);
    const boxes = Math.floor(size / (2 * this.p));
    // Box widths step by 2^(1/16) (≥ what the spread needs), so the kernel's spectrum is reused while they hold.
    const h = 2 ** (Math.ceil(16 * Math.log2((spread / boxes) * (1 + 1e-9))) / 16);
    const radius = this.radius(h);
    this.lastGrid = { size, boxes, boxWidth: h, nearRadius: radius };
    this.prepare(size, h / this.p, radius);
    const jobs = radius > 0 ? [...alongside, this.near.job(y, radius, lo, hi)] : alongside;
    let z = 0;
    await this.threads.run(jobs, () => (z = this.far(y, out, lo, hi, h, boxes)));
    // The point itself adds exactly 1 to Z through the grid, unless the near field took the kernel's peak.
    if (radius === 0) return z - n;
    z += this.near.addTo(out);
    this.crowding = (2 * this.near.pairs * spread * spread) / (n * n * Math.PI * radius * radius) || 1;
    return z;
  }

  /** The grid's share of the forces into `out` (boxes h wide from lo); returns its share of Z. */
  private far(y: Float64Array, out: Float64Array, lo: number, hi: number, h: number, boxes: number): number {
    const n = this.base.length / 2;
    const p = this.p;
    const size = this.fft!.size;
    const rows = p * boxes; // nodes per axis; the other half of the grid is the circulant's zero padding
    const centre = (lo + hi) / 2; // charges relative to the centre keep x² + y² small
    const { a, b, base, weights, nodes, denominators } = this;
    a.fill(0);
    b.fill(0);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < 2; d++) {
        const f = (y[2 * i + d]! - lo) / h;
        const box = Math.min(boxes - 1, Math.floor(f));
        const t = f - box;
        base[2 * i + d] = box * p;
        const w = (2 * i + d) * p;
        for (let k = 0; k < p; k++) {
          let v = 1 / denominators[k]!;
          for (let m = 0; m < p; m++) if (m !== k) v *= t - nodes[m]!;
          weights[w + k] = v;
        }
      }
      const x = y[2 * i]! - centre;
      const yy = y[2 * i + 1]! - centre;
      const r2 = x * x + yy * yy;
      const wx = 2 * i * p;
      const wy = wx + p;
      for (let ky = 0; ky < p; ky++) {
        let idx = 2 * ((base[2 * i + 1]! + ky) * size + base[2 * i]!);
        const wyk = weights[wy + ky]!;
        for (let kx = 0; kx < p; kx++, idx += 2) {
          const w = wyk * weights[wx + kx]!;
          a[idx]! += w;
          a[idx + 1]! += w * x;
          b[idx]! += w * yy;
          b[idx + 1]! += w * r2;
        }
      }
    }
    const fft = this.fft!;
    fft.forward(a, rows);
    fft.forward(b, rows);
    const kernel = this.kernel;
    for (let c = 0, q = 0; c < size * size; c++, q += 2) {
      const k = kernel[c]!;
      a[q]! *= k;
      a[q + 1]! *= k;
      b[q]! *= k;
      b[q + 1]! *= k;
    }
    fft.inverse(a, rows);
    fft.inverse(b, rows);
    // Back from the nodes to the points: the transpose of the spreading above, with the same weights.
    let z = 0;
    for (let i = 0; i < n; i++) {
      let phi0 = 0;
      let phi1 = 0;
      let phi2 = 0;
      let phi3 = 0;
      const wx = 2 * i * p;
      const wy = wx + p;
      for (let ky = 0; ky < p; ky++) {
        let idx = 2 * ((base[2 * i + 1]! + ky) * size + base[2 * i]!);
        const wyk = weights[wy + ky]!;
        for (let kx = 0; kx < p; kx++, idx += 2) {
          const w = wyk * weights[wx + kx]!;
          phi0 += w * a[idx]!;
          phi1 += w * a[idx + 1]!;
          phi2 += w * b[idx]!;
          phi3 += w * b[idx + 1]!;
        }
      }
      const x = y[2 * i]! - centre;
      const yy = y[2 * i + 1]! - centre;
      // Σ_j w_ij = Σ_j w_ij² (1 + |y_i − y_j|²), expanded in the four charges.
      z += (1 + x * x + yy * yy) * phi0 - 2 * (x * phi1 + yy * phi2) + phi3;
      out[2 * i] = x * phi0 - phi1;
      out[2 * i + 1] = yy * phi0 - phi2;
    }
    return z;
  }

  /** Grids for side `size`, and the spectrum of the grid's kernel between nodes `spacing` apart. */
  private prepare(size: number, spacing: number, radius: number): void {
    if (this.fft?.size !== size) {
      this.fft = new GridFft(size);
      this.a = new Float64Array(2 * size * size);
      this.b = new Float64Array(2 * size * size);
      this.kernel = new Float64Array(size * size);
      this.kernelKey = '';
    }
    const key = `${size}:${spacing}:${radius}`;
    if (key === this.kernelKey) return;
    this.kernelKey = key;
    // The kernel is even in both axes (offsets wrap around the circulant), so its spectrum is real.
    const g = new Float64Array(2 * size * size);
    for (let u = 0; u < size; u++) {
      const du = Math.min(u, size - u) * spacing;
      for (let v = 0; v < size; v++) {
        const dv = Math.min(v, size - v) * spacing;
        const r2 = du * du + dv * dv;
        const w = 1 / (1 + r2);
        g[2 * (u * size + v)] = w * w * farShare(r2, radius);
      }
    }
    this.fft!.forward(g);
    for (let c = 0; c < size * size; c++) this.kernel[c] = g[2 * c]!;
  }
}

/**
 * The share of the kernel left to the grid at squared distance r2: 0 at 0, 1 from `radius` on, a quintic
 * smoothstep in r² between (so the grid's kernel stays smooth and the interpolation accurate on coarse boxes).
 */
function farShare(r2: number, radius: number): number {
  if (radius === 0) return 1;
  const t = r2 / (radius * radius);
  return t >= 1 ? 1 : t * t * t * (10 - 15 * t + 6 * t * t);
}

/** Parts of the near field: as many for any number of threads, so the sums, and the embedding, do not depend on it. */
const NEAR_PARTS = 64;

/** The exact near-field part: every pair closer than `radius` (found through a cell list), weighted 1 − farShare. */
class NearField {
  private readonly cellOf: Int32Array;
  private readonly sorted: Int32Array;
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly fx: Float64Array; // per point in cell order
  private readonly fy: Float64Array;
  private readonly stats: Float64Array; // per part: Σ w (1 − s), pairs seen
  private start: Int32Array;
  /** Pairs closer than the radius in the last call. */
  pairs = 0;

  constructor(
    n: number,
    private readonly threads: KernelRunner,
  ) {
    this.cellOf = new Int32Array(n);
    this.sorted = new Int32Array(n);
    this.px = threads.float64(n);
    this.py = threads.float64(n);
    this.fx = threads.float64(n);
    this.fy = threads.float64(n);
    this.stats = threads.float64(2 * NEAR_PARTS);
    this.start = threads.int32(0);
  }

  /** Sorts the points into cells `radius` wide; returns the job that sums the near pairs' forces. */
  job(y: Float64Array, radius: number, lo: number, hi: number): Job {
    const n = this.cellOf.length;
    const cells = Math.max(1, Math.ceil((hi - lo) / radius));
    if (this.start.length < cells * cells + 1) this.start = this.threads.int32(cells * cells + 1);
    const { cellOf, sorted, start } = this;
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const cx = Math.min(cells - 1, Math.floor((y[2 * i]! - lo) / radius));
      const cy = Math.min(cells - 1, Math.floor((y[2 * i + 1]! - lo) / radius));
      cellOf[i] = cy * cells + cx;
      start[cellOf[i]! + 1]! += 1;
    }
    for (let c = 0; c < cells * cells; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, cells * cells);
    for (let i = 0; i < n; i++) sorted[fill[cellOf[i]!]!++] = i;
    // Positions in cell order: the inner loop then walks memory in order.
    const { px, py, fx, fy, stats } = this;
    for (let s = 0; s < n; s++) {
      px[s] = y[2 * sorted[s]!]!;
      py[s] = y[2 * sorted[s]! + 1]!;
    }
    return { kernel: 'nearFieldPart', args: { px, py, start, fx, fy, stats, cells, radius }, parts: NEAR_PARTS };
  }

  /** Adds the job's Σ_j w_ij² (1 − s) (y_i − y_j) to `out`; returns its Σ_{i≠j} w_ij (1 − s). */
  addTo(out: Float64Array): number {
    const { sorted, fx, fy, stats } = this;
    let z = 0;
    let seen = 0;
    for (let part = 0; part < NEAR_PARTS; part++) {
      z += stats[2 * part]!;
      seen += stats[2 * part + 1]!;
    }
    for (let s = 0; s < sorted.length; s++) {
      out[2 * sorted[s]!]! += fx[s]!;
      out[2 * sorted[s]! + 1]! += fy[s]!;
    }
    this.pairs = seen / 2; // each pair was seen from both ends
    return z;
  }
}
