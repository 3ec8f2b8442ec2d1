import { sampleIndices } from '../random.js';
import { checkLabels, type Matrix } from '../matrix.js';

/** The largest id + 1. A loop, not Math.max(...ids): spreading 100,000+ values overflows the call stack. */
function idCount(ids: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  return max + 1;
}

/** counts[cluster][class]. */
function contingency(clusters: ArrayLike<number>, classes: ArrayLike<number>): number[][] {
  const k = idCount(clusters);
  const c = idCount(classes);
  const t = Array.from({ length: k }, () => new Array<number>(c).fill(0));
  for (let i = 0; i < clusters.length; i++) t[clusters[i]!]![classes[i]!]! += 1;
  return t;
}

/** Share of points whose cluster's majority class is their class. */
export function purity(clusters: ArrayLike<number>, classes: ArrayLike<number>): number {
  checkLabels(classes, clusters.length, 'classes');
  return contingency(clusters, classes).reduce((s, row) => s + Math.max(...row), 0) / clusters.length;
}

const entropy = (counts: number[], n: number) => -counts.reduce((s, x) => (x ? s + (x / n) * Math.log(x / n) : s), 0);

/** Normalised mutual information (arithmetic mean normalisation, as scikit-learn's default). */
export function nmi(clusters: ArrayLike<number>, classes: ArrayLike<number>): number {
  checkLabels(classes, clusters.length, 'classes');
  const t = contingency(clusters, classes);
  const n = clusters.length;
  const a = t.map((r) => r.reduce((x, y) => x + y, 0));
  const b = t[0]!.map((_, j) => t.reduce((s, r) => s + r[j]!, 0));
  let mi = 0;
  t.forEach((r, i) => r.forEach((x, j) => (mi += x ? (x / n) * Math.log((n * x) / (a[i]! * b[j]!)) : 0)));
  const h = (entropy(a, n) + entropy(b, n)) / 2;
  return h === 0 ? 1 : mi / h;
}

/** Adjusted Rand index: 1 for identical partitions, ~0 for random ones. */
export function adjustedRandIndex(clusters: ArrayLike<number>, classes: ArrayLike<number>): number {
  checkLabels(classes, clusters.length, 'classes');
  const t = contingency(clusters, classes);
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const sumCells = t.flat().reduce((s, x) => s + pairs(x), 0);
  const sumA = t.map((r) => r.reduce((x, y) => x + y, 0)).reduce((s, x) => s + pairs(x), 0);
  const sumB = t[0]!.map((_, j) => t.reduce((s, r) => s + r[j]!, 0)).reduce((s, x) => s + pairs(x), 0);
  const expected = (sumA * sumB) / pairs(clusters.length);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumCells - expected) / (max - expected);
}

/**
 * Mean silhouette coefficient (Euclidean). Exact is O(N²); above `sample` points a seeded random sample of that
 * size is scored against all points, as scikit-learn's sample_size does.
 */
export function silhouette(m: Matrix, clusters: ArrayLike<number>, options: { sample?: number; seed?: number } = {}): number {
  checkLabels(clusters, m.rows, 'clusters');
  const k = idCount(clusters);
  const sampleSize = Math.min(m.rows, options.sample ?? 2000);
  const chosen = sampleIndices(m.rows, sampleSize, options.seed ?? 0);
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < m.rows; i++) sizes[clusters[i]!]! += 1;
  let total = 0;
  for (const i of chosen) {
    const sums = new Float64Array(k);
    for (let j = 0; j < m.rows; j++) {
      if (j === i) continue;
      let d = 0;
      for (let c = 0; c < m.cols; c++) d += (m.values[i * m.cols + c]! - m.values[j * m.cols + c]!) ** 2;
      sums[clusters[j]!]! += Math.sqrt(d);
    }
    const own = clusters[i]!;
    if (sizes[own]! <= 1) continue; // silhouette of a singleton is 0
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]) b = Math.min(b, sums[c]! / sizes[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / sampleSize;
}

/** Each cluster's majority class (the usual way to name clusters after the classes they hold). */
export function matchClusters(clusters: ArrayLike<number>, classes: ArrayLike<number>): number[] {
  return contingency(clusters, classes).map((r) => r.indexOf(Math.max(...r)));
}
