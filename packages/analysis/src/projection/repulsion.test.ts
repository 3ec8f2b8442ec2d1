import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { BarnesHutRepulsion } from './barnes-hut.js';
import { FftRepulsion } from './fft-repulsion.js';
import type { Repulsion } from './repulsion.js';

/** Σ_j w_ij² (y_i − y_j) and Z = Σ_{i≠j} w_ij by brute force. */
function exact(y: Float64Array): { out: Float64Array; z: number } {
  const n = y.length / 2;
  const out = new Float64Array(2 * n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const dx = y[2 * i]! - y[2 * j]!;
      const dy = y[2 * i + 1]! - y[2 * j + 1]!;
      const w = 1 / (1 + dx * dx + dy * dy);
      z += w;
      out[2 * i]! += w * w * dx;
      out[2 * i + 1]! += w * w * dy;
    }
  }
  return { out, z };
}

/** Clustered 2-D points like a t-SNE embedding: `clusters` Gaussian blobs spread over about ±`radius`. */
function embedding(n: number, clusters: number, radius: number, seed: number): Float64Array {
  const rand = seededRandom(seed);
  const centres = Array.from({ length: clusters }, () => [radius * (2 * rand() - 1), radius * (2 * rand() - 1)] as const);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Float64Array.from({ length: 2 * n }, (_, q) => centres[(q >> 1) % clusters]![q & 1]! + (radius / 6) * normal());
}

/** Relative error of the normalised repulsive forces (out / Z) against the exact ones. */
async function forceError(y: Float64Array, method: Repulsion): Promise<{ force: number; z: number }> {
  const ref = exact(y);
  const out = new Float64Array(y.length);
  const z = await method.compute(y, out);
  let num = 0;
  let den = 0;
  for (let q = 0; q < y.length; q++) {
    num += (out[q]! / z - ref.out[q]! / ref.z) ** 2;
    den += (ref.out[q]! / ref.z) ** 2;
  }
  return { force: Math.sqrt(num / den), z: Math.abs(z - ref.z) / ref.z };
}

describe('repulsive forces', async () => {
  it('FFT interpolation (FIt-SNE) matches the exact forces within 2% and Z within 0.5%, compact or spread', async () => {
    for (const radius of [0.5, 8, 40]) {
      const y = embedding(1500, 10, radius, 1);
      const e = await forceError(y, new FftRepulsion(1500));
      expect(e.force).toBeLessThan(0.02);
      expect(e.z).toBeLessThan(0.005);
    }
  });

  it('FFT interpolation converges on finer grids, and the exact near field rescues a coarse one', async () => {
    const y = embedding(1000, 6, 20, 2);
    const whole = { boxWidth: Infinity }; // the grid carries the whole kernel
    const coarse = (await forceError(y, new FftRepulsion(1000, { ...whole, grid: 128 }))).force;
    const fine = (await forceError(y, new FftRepulsion(1000, { ...whole, grid: 512 }))).force;
    expect(fine).toBeLessThan(coarse / 10);
    expect(fine).toBeLessThan(5e-3); // boxes ~0.6 wide, openTSNE's accuracy
    const split = (await forceError(y, new FftRepulsion(1000, { grid: 64 }))).force;
    expect((await forceError(y, new FftRepulsion(1000, { ...whole, grid: 64 }))).force).toBeGreaterThan(0.1);
    expect(split).toBeLessThan(0.01);
  });

  it('Barnes–Hut with theta 0.5 is within 2% and exact with theta 0', async () => {
    const y = embedding(1000, 8, 20, 3);
    expect((await forceError(y, new BarnesHutRepulsion(1000, 0.5))).force).toBeLessThan(0.02);
    expect((await forceError(y, new BarnesHutRepulsion(1000, 0))).force).toBeLessThan(1e-12);
  });
});
