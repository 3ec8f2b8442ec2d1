import { describe, expect, it } from 'vitest';
import { centroidsOf, kmeans } from './cluster/kmeans.js';
import { adjustedRandIndex, matchClusters, nmi, purity, silhouette } from './cluster/quality.js';
import { projectorTsv } from './export/projector.js';
import type { Matrix } from './matrix.js';

/** Three well separated 2-D blobs of 20 points, labelled 0, 1, 2. */
function blobs(): { m: Matrix; labels: Int32Array } {
  const labels = Int32Array.from({ length: 60 }, (_, i) => Math.floor(i / 20));
  const values = Float32Array.from({ length: 120 }, (_, k) => labels[k >> 1]! * 10 + ((k * 37) % 11) / 11);
  return { m: { values, rows: 60, cols: 2 }, labels };
}

describe('clustering and its quality', () => {
  it('k-means (seeded) finds separated blobs; purity, NMI and ARI are 1, silhouette near 1', () => {
    const { m, labels } = blobs();
    const a = kmeans(m, 3, { seed: 1 });
    const b = kmeans(m, 3, { seed: 1 });
    expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
    expect(purity(a.assignments, labels)).toBe(1);
    expect(nmi(a.assignments, labels)).toBeCloseTo(1, 10);
    expect(adjustedRandIndex(a.assignments, labels)).toBeCloseTo(1, 10);
    expect(silhouette(m, a.assignments)).toBeGreaterThan(0.9);
    expect(matchClusters(a.assignments, labels).sort()).toEqual([0, 1, 2]);
    expect(a.centroids.rows).toBe(3);
  });

  it('scores a random partition near 0 (ARI, NMI) and computes class centroids', () => {
    const { m, labels } = blobs();
    const random = Int32Array.from({ length: 60 }, (_, i) => (i * 7) % 3);
    expect(Math.abs(adjustedRandIndex(random, labels))).toBeLessThan(0.1);
    expect(nmi(random, labels)).toBeLessThan(0.1);
    const c = centroidsOf(m, labels, 3);
    expect(c.values[0]).toBeCloseTo(0.45, 1);
    expect(c.values[2]).toBeCloseTo(10.45, 1);
  });

  it('scores partitions of 200,000 points (no argument-spread limits)', () => {
    const classes = Int32Array.from({ length: 200_000 }, (_, i) => i % 10);
    const clusters = Int32Array.from(classes, (c) => (c + 1) % 10);
    expect(purity(clusters, classes)).toBe(1);
    expect(nmi(clusters, classes)).toBeCloseTo(1, 10);
    expect(adjustedRandIndex(clusters, classes)).toBeCloseTo(1, 10);
    const m = { values: Float32Array.from(classes, (c) => c * 10), rows: 200_000, cols: 1 };
    expect(silhouette(m, clusters, { sample: 20 })).toBeGreaterThan(0.9);
  });

  it('rejects NaN features, K larger than N, and wrong dimensions, naming the problem', () => {
    const { m } = blobs();
    const nan = { ...m, values: m.values.map((v, i) => (i === 7 ? NaN : v)) };
    expect(() => kmeans(nan, 2)).toThrow(/features: row 3, column 1 is NaN/);
    expect(() => kmeans(m, 61)).toThrow(/k: 61 clusters for 60 points \(K must not exceed N\)/);
    expect(() => kmeans({ ...m, cols: 3 }, 2)).toThrow(/120 values do not make 60 rows x 3 columns/);
    expect(() => purity([0, 1], [0])).toThrow(/classes: 1 labels for 2 rows/);
  });

  it('exports the Embedding Projector TSVs', () => {
    const t = projectorTsv({ values: Float32Array.from([1, 2, 3, 4]), rows: 2, cols: 2 }, { label: ['a', 'b\tc'], cluster: [0, 1] });
    expect(t.vectors).toBe('1\t2\n3\t4\n');
    expect(t.metadata).toBe('label\tcluster\na\t0\nb c\t1\n');
    expect(projectorTsv({ values: Float32Array.from([1, 2]), rows: 2, cols: 1 }, { label: [7, 8] }).metadata).toBe('7\n8\n');
  });
});
