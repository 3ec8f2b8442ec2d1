/**
 * The loops of t-SNE's iterations that threads share. Each kernel is one self-contained function (no imports, no
 * closures: threads receive them as source text) that does part `part` of `parts` and writes only its own slice
 * of the outputs, so the parts run at once without locks and their sum does not depend on timing.
 */

/** Arguments of a kernel: typed arrays (shared memory when threads run it) and numbers. */
export type KernelArgs = Record<string, Float64Array | Int32Array | number>;

/** Part of Σ_j p_ij w_ij (y_i − y_j) over the pairs i < j: pairs [q0, q1) into `out`'s slice `part` (2N each). */
function attractionPart(a: KernelArgs, part: number, parts: number): void {
  const y = a.y as Float64Array;
  const pi = a.pi as Int32Array;
  const pj = a.pj as Int32Array;
  const pv = a.pv as Float64Array;
  const out = a.out as Float64Array;
  const n2 = y.length;
  const q0 = Math.floor((pv.length * part) / parts);
  const q1 = Math.floor((pv.length * (part + 1)) / parts);
  const o = part * n2;
  out.fill(0, o, o + n2);
  for (let q = q0; q < q1; q++) {
    const i = pi[q]!;
    const j = pj[q]!;
    const dx = y[2 * i]! - y[2 * j]!;
    const dy = y[2 * i + 1]! - y[2 * j + 1]!;
    const w = pv[q]! / (1 + dx * dx + dy * dy);
    out[o + 2 * i]! += w * dx;
    out[o + 2 * i + 1]! += w * dy;
    out[o + 2 * j]! -= w * dx;
    out[o + 2 * j + 1]! -= w * dy;
  }
}

/**
 * Part of the near field of the FFT repulsion: the pairs closer than `radius` among points sorted into a
 * cells × cells list (positions px, py in cell order, cell c holding [start[c], start[c + 1])). This part takes
 * the cells whose points begin in its share of the points, pairs each cell with itself and its four "forward"
 * neighbours (so every pair once), and writes forces into its slice of fx, fy (N each) and Σ w (1 − s) and the
 * pair count into stats[2·part], stats[2·part + 1].
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
  const forward = [0, 0, 1, 0, -1, 1, 0, 1, 1, 1];
  const o = part * n;
  fx.fill(0, o, o + n);
  fy.fill(0, o, o + n);
  // This part's cells: those whose first point falls in its share of the points.
  const first = Math.floor((n * part) / parts);
  const last = Math.floor((n * (part + 1)) / parts);
  const r2max = radius * radius;
  let z = 0;
  let pairs = 0;
  for (let c = 0; c < cells * cells; c++) {
    if (start[c]! < first || start[c]! >= last || start[c] === start[c + 1]) continue;
    const cx = c % cells;
    const cy = (c - cx) / cells;
    for (let s = start[c]!; s < start[c + 1]!; s++) {
      const xi = px[s]!;
      const yi = py[s]!;
      let gx = 0;
      let gy = 0;
      for (let nb = 0; nb < 5; nb++) {
        const bx = cx + forward[2 * nb]!;
        const by = cy + forward[2 * nb + 1]!;
        if (bx < 0 || bx >= cells || by >= cells) continue;
        const other = by * cells + bx;
        const end = start[other + 1]!;
        for (let t = other === c ? s + 1 : start[other]!; t < end; t++) {
          const dx = xi - px[t]!;
          const dy = yi - py[t]!;
          const r2 = dx * dx + dy * dy;
          if (r2 >= r2max) continue;
          const w = 1 / (1 + r2);
          const u = r2 / r2max;
          // The kernel's share left to the near field: 1 − the quintic smoothstep the grid takes.
          const near = w * (1 - u * u * u * (10 - 15 * u + 6 * u * u));
          const fw = near * w;
          pairs++;
          z += 2 * near;
          gx += fw * dx;
          gy += fw * dy;
          fx[o + t]! -= fw * dx;
          fy[o + t]! -= fw * dy;
        }
      }
      fx[o + s]! += gx;
      fy[o + s]! += gy;
    }
  }
  stats[2 * part] = z;
  stats[2 * part + 1] = pairs;
}

/** The name of a kernel threads can run. */
export type KernelName = 'attractionPart' | 'nearFieldPart';

/** Every kernel by name: what threads can run. */
export const KERNELS: Readonly<Record<KernelName, (a: KernelArgs, part: number, parts: number) => void>> = { attractionPart, nearFieldPart };
