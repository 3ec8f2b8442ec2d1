import type { Matrix } from '../matrix.js';

type Tfjs = typeof import('@tensorflow/tfjs-core');

// tfjs-core is an optional peer: an app that has it (with a backend) gets the distances at matMul speed; without it
// this package stays numbers in, numbers out, and the same neighbours come from a plain loop. The specifier is a
// variable so that bundlers do not try to resolve it.
const TFJS_CORE = '@tensorflow/tfjs-core';
let tfjs: Promise<Tfjs | undefined> | undefined;
const loadTfjs = (): Promise<Tfjs | undefined> =>
  (tfjs ??= import(/* @vite-ignore */ TFJS_CORE).then(
    (m: Tfjs) => {
      try {
        return m.getBackend() ? m : undefined; // throws when no backend is registered
      } catch {
        return undefined;
      }
    },
    () => undefined,
  ));

/**
 * Exact k nearest neighbours (squared Euclidean) of every row, excluding itself. Distances come from blocked
 * matMuls on the active tfjs backend (|a|² + |b|² − 2a·b), the O(N²·D) part of t-SNE done at matMul speed.
 */
export async function nearestNeighbours(m: Matrix, k: number, block = 512): Promise<{ indices: Int32Array; distances: Float32Array }> {
  const tf = await loadTfjs();
  if (!tf) return nearestNeighboursJs(m, k);
  const n = m.rows;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const x = tf.tensor2d(m.values, [n, m.cols]);
  const norms = tf.tidy(() => tf.sum(tf.square(x), 1));
  try {
    for (let start = 0; start < n; start += block) {
      const end = Math.min(n, start + block);
      const [vals, idx] = tf.tidy(() => {
        const xb = tf.slice(x, [start, 0], [end - start, m.cols]);
        const nb = tf.slice(norms, [start], [end - start]);
        const d = tf.maximum(tf.sub(tf.add(tf.expandDims(nb, 1), tf.expandDims(norms, 0)), tf.mul(2, tf.matMul(xb, x, false, true))), 0);
        const { values, indices } = tf.topk(tf.neg(d), Math.min(n, k + 1));
        return [values, indices];
      });
      const v = await vals!.data();
      const ix = await idx!.data();
      tf.dispose([vals!, idx!]);
      const width = Math.min(n, k + 1);
      for (let r = 0; r < end - start; r++) {
        const i = start + r;
        let c = 0;
        for (let j = 0; j < width && c < k; j++) {
          if (ix[r * width + j] === i) continue; // itself (ties may put it anywhere among zeros)
          indices[i * k + c] = ix[r * width + j]!;
          distances[i * k + c] = -v[r * width + j]!;
          c++;
        }
      }
    }
  } finally {
    tf.dispose([x, norms]);
  }
  return { indices, distances };
}

/** The same neighbours without tfjs: squared distances row by row, the k smallest kept in insertion order. */
export function nearestNeighboursJs(m: Matrix, k: number): { indices: Int32Array; distances: Float32Array } {
  const { rows: n, cols: d, values } = m;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = values[i * d + c]! - values[j * d + c]!;
        s += diff * diff;
      }
      if (s >= distances[base + k - 1]!) continue;
      let p = k - 1;
      while (p > 0 && distances[base + p - 1]! > s) {
        distances[base + p] = distances[base + p - 1]!;
        indices[base + p] = indices[base + p - 1]!;
        p--;
      }
      distances[base + p] = s;
      indices[base + p] = j;
    }
  }
  return { indices, distances };
}
