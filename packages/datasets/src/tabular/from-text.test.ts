import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { text } from '../plugins/text.js';
import { timeseries } from '../plugins/timeseries.js';
import { textFromText } from '../text/text-splits.js';
import { timeseriesFromText } from './csv-text.js';

// A file dropped on a page is read from its text, with the Node loaders' checks, splits and messages.
const file = (name: string, body: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-text-')), name);
  writeFileSync(path, body);
  return path;
};

describe('text and time series from text', () => {
  const reviews = ['label\ttext', ...Array.from({ length: 40 }, (_, i) => `${i % 2}\t${i % 2 ? 'good "great" fun' : 'bad awful dull'} film ${i}`)];

  it('a text TSV: the same token ids and vocabulary as the text loader; a bad row or header named by file and line', async () => {
    const body = reviews.join('\n');
    const page = await textFromText(body, 'reviews.tsv', { vocabulary: 20, length: 6 });
    const node = await text.load({ source: file('reviews.tsv', body), vocabulary: 20, length: 6 });
    expect(page.train.shape).toEqual([32, 6, 1]);
    expect(page.train.x).toEqual(node.train.x);
    expect(page.test.y).toEqual(node.test.y);
    expect(page.train.preprocessing).toEqual(node.train.preprocessing);
    const ragged = [...reviews];
    ragged[7] = '1\tgood\textra';
    await expect(textFromText(ragged.join('\n'), 'ragged.tsv')).rejects.toThrow('ragged.tsv:8: expected 2 columns, got 3');
    await expect(textFromText(`id\tbody\n1\thi`, 'x.tsv')).rejects.toThrow('x.tsv:1: the header must name a "text" and a "label" column, got id, body');
    await expect(textFromText(`label\ttext\n\thi\n1\tyo`, 'y.tsv')).rejects.toThrow('y.tsv:2: label "" is no label');
  });

  it('a time series CSV: the same windows and scaling as the timeseries loader; a bad value named by file, line and column', async () => {
    const rows = ['month,passengers', ...Array.from({ length: 40 }, (_, i) => `2020-${i},${100 + 10 * Math.sin(i / 3) + i}`)];
    const page = await timeseriesFromText(rows.join('\n'), 'series.csv', { lookback: 6 });
    const node = await timeseries.load({ source: file('series.csv', rows.join('\n')), lookback: 6 });
    expect(page.train.shape).toEqual([27, 6, 1]);
    expect(page.train.x).toEqual(node.train.x);
    expect(page.test.y).toEqual(node.test.y);
    expect(page.train.preprocessing).toEqual(node.train.preprocessing);
    rows[12] = '2020-11,many';
    await expect(timeseriesFromText(rows.join('\n'), 'bad.csv')).rejects.toThrow('bad.csv:13: column 2 (passengers): expected a number, got "many"');
    await expect(timeseriesFromText('month\n1\n2', 'one.csv')).rejects.toThrow('one.csv: no value columns');
  });
});
