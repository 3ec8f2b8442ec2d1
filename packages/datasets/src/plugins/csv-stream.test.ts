import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv } from './csv.js';
import type { SequenceDataset } from '../types.js';
import { columnStats } from '../tabular/standardize.js';

/** 2,000 rows: four features, label 1 when the first two features sum past 10. */
function bigCsv(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-stream-')), 'big.csv');
  const rows = Array.from({ length: 2000 }, (_, i) => {
    const a = (i * 7) % 11;
    const b = (i * 3) % 13;
    return `${a},${b},${i % 5},${(i * 0.01).toFixed(2)},${a + b > 10 ? 1 : 0}`;
  });
  writeFileSync(path, `a,b,c,d,y\n${rows.join('\n')}\n`);
  return path;
}

describe('csv stream (data larger than memory)', () => {
  it('splits rows reproducibly, holds one chunk at a time, and standardises with the training rows', async () => {
    const source = bigCsv();
    const { train, test } = await csv.stream!({ source, timesteps: 2, seed: 3 });
    expect(train.shape[0] + test.shape[0]).toBe(2000);
    expect(test.shape[0]).toBeGreaterThan(330); // ~20% by a per-row draw
    expect(test.shape[0]).toBeLessThan(470);
    expect(train.shape.slice(1)).toEqual([2, 2]);
    expect(train.task).toBe('binary');
    const chunks: SequenceDataset[] = [];
    for await (const chunk of train.chunks(300)) chunks.push(chunk);
    expect(chunks.map((c) => c.shape[0]).every((n) => n <= 300)).toBe(true);
    expect(chunks.reduce((s, c) => s + c.shape[0], 0)).toBe(train.shape[0]);
    // The standardisation the stream fitted equals the in-memory statistics of the same training rows.
    const p = train.preprocessing as { readonly mean: readonly number[]; readonly std: readonly number[] };
    const raw = await csv.stream!({ source, timesteps: 2, seed: 3, standardize: false });
    const rows: number[] = [];
    for await (const chunk of raw.train.chunks(500)) rows.push(...chunk.x);
    const stats = columnStats(Float32Array.from(rows), 4);
    stats.mean.forEach((m, c) => expect(p.mean[c]).toBeCloseTo(m, 4));
    stats.std.forEach((s, c) => expect(p.std[c]).toBeCloseTo(s, 4));
    const again = await csv.stream!({ source, timesteps: 2, seed: 3 });
    expect(Array.from(again.test.y)).toEqual(Array.from(test.y));
  });

  it('reports malformed rows as the in-memory reader does', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-stream-bad-')), 'bad.csv');
    writeFileSync(path, '1,2,0\n3,x,1\n');
    await expect(csv.stream!({ source: path })).rejects.toThrow(/bad\.csv:2: column 2 \(column1\): expected a number, got "x"/);
  });
});
