import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvFromText } from '../index.js';
import { csv } from '../plugins/csv.js';

const TABLE = ['a,b,c,d,label', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 7},${(i * 3) % 5},${i / 10},${i % 2 ? 'yes' : 'no'}`)].join('\n');

describe('csvFromText (the browser entry: a dropped file, no file system)', () => {
  it('gives the same splits as the Node loader reading the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-text-'));
    writeFileSync(join(dir, 'table.csv'), TABLE);
    const fromFile = await csv.load({ source: join(dir, 'table.csv'), timesteps: 2, seed: 3 });
    const fromText = await csvFromText(TABLE, 'table.csv', { timesteps: 2, seed: 3 });
    expect(fromText.train.shape).toEqual([32, 2, 2]);
    expect(fromText.train.classNames).toEqual(['no', 'yes']);
    expect(fromText.train.x).toEqual(fromFile.train.x);
    expect(fromText.test.y).toEqual(fromFile.test.y);
    expect(fromText.train.preprocessing).toEqual(fromFile.train.preprocessing);
  });

  it('names the file, the line and what was expected for a ragged row, a non-number and an open quote', async () => {
    const ragged = TABLE.split('\n');
    ragged[6] = '5,1,2';
    await expect(csvFromText(ragged.join('\n'), 'ragged.csv')).rejects.toThrow('ragged.csv:7: expected 5 columns, got 3');
    const word = TABLE.split('\n');
    word[3] = '2,x,1,0.2,yes';
    await expect(csvFromText(word.join('\n'), 'word.csv')).rejects.toThrow('word.csv:4: column 2 (b): expected a number, got "x"');
    await expect(csvFromText('a,b\n1,"2\n', 'quote.csv')).rejects.toThrow(/^quote\.csv:\d+: unreadable CSV: /);
    await expect(csvFromText('', 'empty.csv')).rejects.toThrow('empty.csv: empty file');
  });

  it('reads a .tsv name as tab-separated', async () => {
    const { train } = await csvFromText(TABLE.replaceAll(',', '\t'), 'table.tsv', { standardize: false });
    expect(train.shape[2]).toBe(4);
  });
});
