import type { Matrix } from '../matrix.js';

/** Squared distances from row i to every row (itself included). */
function distancesFrom(m: Matrix, i: number, out: Float64Array): Float64Array {
  const { values, cols } = m;
  const o = i * cols;
  for (let j = 0; j < m.rows; j++) {
    let s = 0;
    for (let c = 0, p = j * cols; c < cols; c++, p++) s += (values[o + c]! - values[p]!) ** 2;
    out[j] = s;
  }
  return out;
}

/**
 * Trustworthiness of an embedding (Venna & Kaski; scikit-learn's formula): 1 when every point's k nearest
 * neighbours in the embedding were also near in the original space, lower when the embedding invents neighbours.
 * O(N²·D + N² log N): for checking quality on samples of a few thousand points.
 */
export function trustworthiness(original: Matrix, embedded: Matrix, k = 10): number {
  const n = original.rows;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const rankX = new Int32Array(n);
  const order = new Int32Array(n);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    distancesFrom(original, i, dx);
    distancesFrom(embedded, i, dy);
    for (let j = 0; j < n; j++) order[j] = j;
    order.sort((a, b) => (a === i ? -1 : b === i ? 1 : dx[a]! - dx[b]! || a - b)); // i itself first, rank 0
    order.forEach((j, r) => (rankX[j] = r));
    for (let j = 0; j < n; j++) order[j] = j;
    order.sort((a, b) => (a === i ? -1 : b === i ? 1 : dy[a]! - dy[b]! || a - b));
    for (let r = 1; r <= k; r++) {
      const j = order[r]!;
      if (rankX[j]! > k) penalty += rankX[j]! - k;
    }
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}
