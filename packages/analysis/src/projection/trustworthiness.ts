import type { Matrix } from '../matrix.js';

const sqDist = (m: Matrix, i: number, j: number) => {
  let s = 0;
  for (let c = 0; c < m.cols; c++) s += (m.values[i * m.cols + c]! - m.values[j * m.cols + c]!) ** 2;
  return s;
};

/**
 * Trustworthiness of an embedding (Venna & Kaski; scikit-learn's formula): 1 when every point's k nearest
 * neighbours in the embedding were also near in the original space, lower when the embedding invents neighbours.
 * O(N² log N): for checking quality on samples, not for 10,000 points at once.
 */
export function trustworthiness(original: Matrix, embedded: Matrix, k = 10): number {
  const n = original.rows;
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    const rankX = new Int32Array(n);
    others.sort((a, b) => sqDist(original, i, a) - sqDist(original, i, b)).forEach((j, r) => (rankX[j] = r + 1));
    const nearY = others.sort((a, b) => sqDist(embedded, i, a) - sqDist(embedded, i, b)).slice(0, k);
    for (const j of nearY) if (rankX[j]! > k) penalty += rankX[j]! - k;
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}
