/**
 * The loops of t-SNE that threads share. Each kernel is one self-contained function (no imports, no closures over
 * module scope: threads receive them as source text, where a bundler's rewritten imports would not resolve) that
 * does part `part` of `parts` and writes only the rows of that part (and its own slot of any per-part sums). So a part's result does not depend on which thread ran
 * it or when: threads claim parts as they go (`claimParts`), which balances the work whatever each part costs,
 * and the result is the same, to the bit, for every number of threads.
 */

import { NEIGHBOUR_KERNELS } from './neighbour-kernels.js';

/** Arguments of a kernel: typed arrays (shared memory when threads run it) and numbers. */
export type KernelArgs = Record<string, Float64Array | Int32Array | Float32Array | number>;

/**
 * Rows of the attraction Σ_j p_ij w_ij (y_i − y_j), w_ij = 1 / (1 + |y_i − y_j|²), from the symmetric P in
 * compressed rows (ptr, col, val): this part takes the rows whose entries start in its share of the entries.
 * Each row sums its own entries (both halves of P), so no two parts write the same place.
 */
function attractionRows(a: KernelArgs, part: number, parts: number): void {
  const y = a.y as Float64Array;
  const ptr = a.ptr as Int32Array;
  const col = a.col as Int32Array;
  const val = a.val as Float64Array;
  const out = a.out as Float64Array;
  const n = ptr.length - 1;
  // The first row whose entries start at or after entry q (ptr is non-decreasing).
  const rowAt = (q: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ptr[mid]! < q) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const nnz = ptr[n]!;
  const r1 = part === parts - 1 ? n : rowAt(Math.floor((nnz * (part + 1)) / parts));
  for (let i = rowAt(Math.floor((nnz * part) / parts)); i < r1; i++) {
    const xi = y[2 * i]!;
    const yi = y[2 * i + 1]!;
    let gx = 0;
    let gy = 0;
    for (let c = ptr[i]!; c < ptr[i + 1]!; c++) {
      const j = col[c]!;
      const dx = xi - y[2 * j]!;
      const dy = yi - y[2 * j + 1]!;
      const w = val[c]! / (1 + dx * dx + dy * dy);
      gx += w * dx;
      gy += w * dy;
    }
    out[2 * i] = gx;
    out[2 * i + 1] = gy;
  }
}

/**
 * Part of the near field of the FFT repulsion: for each point, the points closer than `radius` among those sorted
 * into a cells × cells list (positions px, py in cell order, cell c holding [start[c], start[c + 1])), found in
 * its cell and the eight around it. This part takes the cells whose points begin in its share of the points,
 * writes their points' forces into fx, fy (in cell order) and Σ w (1 − s) and the pairs seen into
 * stats[2·part], stats[2·part + 1]. Every pair is seen from both ends, which costs twice the kernel evaluations
 * of visiting it once but leaves each point's sum to the part that owns it.
 */
function nearFieldPart(a: KernelArgs, part: number, parts: number): void {
  const px = a.px as Float64Array;
  const py = a.py as Float64Array;
  const start = a.start as Int32Array;
  const fx = a.fx as Float64Array;
  const fy = a.fy as Float64Array;
  const stats = a.stats as Float64Array;
  const cells = a.cells as number;
  const radius = a.radius as number;
  const n = px.length;
  // The first cell whose points start at or after point s (start is non-decreasing).
  const cellAt = (s: number): number => {
    let lo = 0;
    let hi = cells * cells;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const c0 = cellAt(Math.floor((n * part) / parts));
  const c1 = part === parts - 1 ? cells * cells : cellAt(Math.floor((n * (part + 1)) / parts));
  const r2max = radius * radius;
  let z = 0;
  let pairs = 0;
  for (let c = c0; c < c1; c++) {
    if (start[c] === start[c + 1]) continue;
    const cx = c % cells;
    const cy = (c - cx) / cells;
    // Cells (cx − 1 … cx + 1) of a row are adjacent in the list: one run of points per row.
    const left = Math.max(0, cx - 1);
    const right = Math.min(cells - 1, cx + 1);
    const top = Math.min(cells - 1, cy + 1);
    for (let s = start[c]!; s < start[c + 1]!; s++) {
      const xi = px[s]!;
      const yi = py[s]!;
      let gx = 0;
      let gy = 0;
      for (let by = Math.max(0, cy - 1); by <= top; by++) {
        const end = start[by * cells + right + 1]!;
        for (let t = start[by * cells + left]!; t < end; t++) {
          const dx = xi - px[t]!;
          const dy = yi - py[t]!;
          const r2 = dx * dx + dy * dy;
          if (r2 >= r2max || t === s) continue;
          const w = 1 / (1 + r2);
          const u = r2 / r2max;
          // The kernel's share left to the near field: 1 − the quintic smoothstep the grid takes.
          const near = w * (1 - u * u * u * (10 - 15 * u + 6 * u * u));
          const fw = near * w;
          pairs++;
          z += near;
          gx += fw * dx;
          gy += fw * dy;
        }
      }
      fx[s] = gx;
      fy[s] = gy;
    }
  }
  stats[2 * part] = z;
  stats[2 * part + 1] = pairs;
}

/** The name of a kernel threads can run. */
export type KernelName = 'attractionRows' | 'nearFieldPart' | 'neighbourPart' | 'covariancePart' | 'projectPart';

/** Every kernel by name: what threads can run. */
export const KERNELS: Readonly<Record<KernelName, (a: KernelArgs, part: number, parts: number) => void>> = { attractionRows, nearFieldPart, ...NEIGHBOUR_KERNELS };

/** A kernel's work cut into `parts` parts, which threads claim one at a time. */
export interface Job {
  readonly kernel: KernelName;
  readonly args: KernelArgs;
  readonly parts: number;
}

/**
 * Runs parts of `jobs` until none is left: each thread claims the next unclaimed part through the shared
 * `counter` (an atomic add), so a thread that finishes early takes more; a failing part stops them all.
 * Self-contained: workers get its source.
 */
export function claimParts(jobs: readonly Job[], counter: Int32Array, kernels: Readonly<Record<string, (a: KernelArgs, part: number, parts: number) => void>>): void {
  let total = 0;
  for (const job of jobs) total += job.parts;
  for (;;) {
    let c = Atomics.add(counter, 0, 1);
    if (c >= total) return;
    let j = 0;
    while (c >= jobs[j]!.parts) c -= jobs[j++]!.parts;
    try {
      kernels[jobs[j]!.kernel]!(jobs[j]!.args, c, jobs[j]!.parts);
    } catch (e) {
      Atomics.store(counter, 0, total); // nothing is left to claim: the other threads stop too
      throw e;
    }
  }
}
