import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { DatasetError } from '../errors.js';
import { getDataset, loadDataset } from '../node.js';
import { classCounts } from '../reshape/labels.js';

const file = (name: string, content: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-csv-')), name);
  writeFileSync(path, content);
  return path;
};
const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},${i * 2},${i % 3},${i % 2}`).join('\n');

describe('csv plugin', () => {
  it.runIf(hasSharedData('pima'))('reads Pima as 4 timesteps x 2 features, stratified 80/20, standardised on the training split', async () => {
    const { train, test } = await loadDataset('csv', { source: `${SHARED_DATA}/pima/pima-indians-diabetes.data.csv`, timesteps: 4 });
    expect(train.shape).toEqual([614, 4, 2]);
    expect(test.shape).toEqual([154, 4, 2]);
    expect(train.task).toBe('binary');
    expect(classCounts(train.y, 2)[1]! / 614).toBeCloseTo(268 / 768, 2);
    // Training columns have mean 0 and std 1; the test split uses the training statistics, so only close to it.
    const col0 = Array.from({ length: 614 }, (_, i) => train.x[i * 8]!);
    expect(col0.reduce((a, b) => a + b, 0) / 614).toBeCloseTo(0, 5);
    expect(train.preprocessing).toMatchObject({ kind: 'standardize', columns: ['column0', 'column1', 'column2', 'column3', 'column4', 'column5', 'column6', 'column7'] });
    const p = train.preprocessing as { readonly mean: readonly number[] };
    expect(p.mean[1]).toBeGreaterThan(115); // plasma glucose, mean ~121 in the .names file
    expect(p.mean[1]).toBeLessThan(127);
  });

  it('detects a header, selects label and columns by name, reads gzip, and maps text labels to classes', async () => {
    const csv = `a,b,c,kind\n${Array.from({ length: 30 }, (_, i) => `${i},${i + 1},${i + 2},${['x', 'y', 'z'][i % 3]}`).join('\n')}\n`;
    const { train, test } = await loadDataset('csv', { source: file('t.csv.gz', gzipSync(csv)), columns: ['a', 'c'], standardize: false, testFraction: 0.2 });
    expect(train.classNames).toEqual(['x', 'y', 'z']);
    expect(train.task).toBe('multiclass');
    expect(train.shape).toEqual([24, 1, 2]);
    expect(test.shape[0]).toBe(6);
    // Column c = a + 2 in every row.
    for (let i = 0; i < 24; i++) expect(train.x[i * 2 + 1]! - train.x[i * 2]!).toBe(2);
  });

  it('names the line and column of a malformed row, or skips and counts them when asked', async () => {
    const bad = file('bad.csv', `${rows(5)}\n7,8,9\n1,oops,2,1\n${rows(5)}\n`);
    await expect(loadDataset('csv', { source: bad })).rejects.toThrow(/bad\.csv:6: expected 4 columns, got 3/);
    const bad2 = file('bad2.csv', `${rows(5)}\n1,oops,2,1\n`);
    const err = await loadDataset('csv', { source: bad2 }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toMatch(/bad2\.csv:6: column 2 \(column1\): expected a number, got "oops"/);
    const { train, test } = await loadDataset('csv', { source: bad, skipInvalid: true, testFraction: 0.2 });
    expect(train.shape[0] + test.shape[0]).toBe(10);
    expect(train.source).toMatch(/2 invalid rows skipped/);
  });

  it('rejects timesteps that do not divide the features, unknown columns and missing files', async () => {
    const ok = file('ok.csv', rows(10));
    await expect(loadDataset('csv', { source: ok, timesteps: 2 })).rejects.toThrow(/3 feature columns cannot be read as 2 timesteps/);
    await expect(loadDataset('csv', { source: ok, label: 'nope' })).rejects.toThrow(/column "nope": not found; columns are 0:column0/);
    await expect(loadDataset('csv', { source: '/no/such.csv' })).rejects.toThrow(/\/no\/such\.csv: no such file/);
    await expect(loadDataset('csv', {})).rejects.toThrow(/csv option "source": required/);
  });

  it('turns truncated or corrupt gzip into a DatasetError naming the file, read whole or streamed', async () => {
    const gz = gzipSync(rows(400));
    const truncated = file('t.csv.gz', gz.subarray(0, gz.length - 20));
    const corrupt = Buffer.from(gz);
    corrupt.fill(0x55, 40, 80);
    const junk = file('j.csv.gz', corrupt);
    for (const read of [(source: string) => loadDataset('csv', { source }), (source: string) => getDataset('csv').stream!({ source })]) {
      const t = await read(truncated).catch((e) => e);
      expect(t).toBeInstanceOf(DatasetError);
      expect(t.message).toMatch(/t\.csv\.gz: truncated gzip data: the file ends at byte \d+ before its compressed stream does/);
      const j = await read(junk).catch((e) => e);
      expect(j).toBeInstanceOf(DatasetError);
      expect(j.message).toMatch(/j\.csv\.gz: corrupt gzip data between bytes \d+ and \d+/);
    }
    // gzip is recognised by its magic bytes, not by the name.
    const { train } = await loadDataset('csv', { source: file('plain-name.csv', gz) });
    expect(train.shape[2]).toBe(3);
  });

  it('refuses a label that is empty or NaN, and a feature beyond float32, naming the line', async () => {
    await expect(loadDataset('csv', { source: file('nan.csv', `${rows(5)}\n1,2,3,NaN\n${rows(5)}`) })).rejects.toThrow(/nan\.csv:6: label column 4 \(column3\): "NaN" is no label/);
    await expect(loadDataset('csv', { source: file('empty.csv', `${rows(5)}\n1,2,3,\n`) })).rejects.toThrow(/empty\.csv:6: label column 4 \(column3\): "" is no label/);
    await expect(loadDataset('csv', { source: file('huge.csv', `${rows(5)}\n1,1e39,3,1\n`) })).rejects.toThrow(/huge\.csv:6: column 2 \(column1\): 1e39 is beyond the range of 32-bit floats/);
    const { train, test } = await loadDataset('csv', { source: file('skip.csv', `${rows(20)}\n1,2,3,inf\n`), skipInvalid: true });
    expect(train.classNames).toEqual(['0', '1']);
    expect(train.shape[0] + test.shape[0]).toBe(20);
  });
});
