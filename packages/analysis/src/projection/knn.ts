import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../matrix.js';

/**
 * Exact k nearest neighbours (squared Euclidean) of every row, excluding itself. Distances come from blocked
 * matMuls on the active tfjs backend (|a|² + |b|² − 2a·b), the O(N²·D) part of t-SNE done at matMul speed.
 */
export async function nearestNeighbours(m: Matrix, k: number, block = 512): Promise<{ indices: Int32Array; distances: Float32Array }> {
  const n = m.rows;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const x = tf.tensor2d(m.values, [n, m.cols]);
  const norms = tf.tidy(() => tf.sum(tf.square(x), 1));
  try {
    for (let start = 0; start < n; start += block) {
      const end = Math.min(n, start + block);
      const [vals, idx] = tf.tidy(() => {
        const xb = x.slice([start, 0], [end - start, m.cols]);
        const nb = norms.slice([start], [end - start]);
        const d = tf.maximum(tf.sub(tf.add(nb.expandDims(1), norms.expandDims(0)), tf.mul(2, tf.matMul(xb, x, false, true))), 0);
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
