import { describe, expect, it } from 'vitest';
import { kmeans } from '../cluster/kmeans.js';
import { purity } from '../cluster/quality.js';
import { getProjection, listProjections } from '../index.js';

describe('projection plugins', () => {
  it('lists tsne and umap; umap (seeded) keeps separated blobs apart', async () => {
    expect(listProjections().map((p) => p.name)).toEqual(['tsne', 'umap']);
    const labels = Int32Array.from({ length: 90 }, (_, i) => i % 3);
    const values = Float32Array.from({ length: 90 * 5 }, (_, k) => labels[Math.floor(k / 5)]! * 20 + ((k * 13) % 7) / 7);
    const m = { values, rows: 90, cols: 5 };
    const a = await getProjection('umap').project(m, { seed: 3 });
    const b = await getProjection('umap').project(m, { seed: 3 });
    expect([a.rows, a.cols]).toEqual([90, 2]);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(purity(kmeans(a, 3, { seed: 0 }).assignments, labels)).toBe(1);
    await expect(getProjection('umap').project({ values: values.subarray(0, 50), rows: 10, cols: 5 }, {})).rejects.toThrow(/neighbors: 15 needs more than 15 points \(got 10\)/);
    expect(() => getProjection('pca')).toThrow(/unknown projection "pca"; registered: tsne, umap/);
  });
});
