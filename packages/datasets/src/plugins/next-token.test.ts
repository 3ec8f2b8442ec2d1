import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../node.js';

const textFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-next-')), 'corpus.txt');
  writeFileSync(path, text);
  return path;
};

describe('next-token plugin', () => {
  it('cuts character windows whose target is the next character, test part at the end', async () => {
    const { train, test } = await loadDataset('next-token', { source: textFile('abcabcabcabcabcabcabcabcabcabc'), window: 4, step: 1, testFraction: 0.3 });
    const p = train.preprocessing as { readonly vocabulary: readonly string[] };
    expect(p.vocabulary).toEqual(['', '<oov>', 'a', 'b', 'c']);
    expect(train.shape).toEqual([17, 4, 1]); // 21 training characters, windows of 4 + 1
    expect(Array.from(train.x.subarray(0, 4))).toEqual([2, 3, 4, 2]);
    expect(train.y[0]).toBe(3); // after "abca" comes "b"
    expect(test.shape[0]).toBe(5);
    expect(train.classNames).toEqual(p.vocabulary);
  });

  it('works on words, and names bad options', async () => {
    const source = textFile('The cat sat. The cat ran. The dog sat. The dog ran. The cat sat again.');
    const { train } = await loadDataset('next-token', { source, level: 'word', window: 2, step: 1, testFraction: 0.2 });
    const p = train.preprocessing as { readonly vocabulary: readonly string[] };
    expect(p.vocabulary.slice(0, 3)).toEqual(['', '<oov>', 'the']);
    await expect(loadDataset('next-token', { source, level: 'byte' as 'char' })).rejects.toThrow(/"level": expected "char" or "word"/);
    await expect(loadDataset('next-token', { source, window: 500 })).rejects.toThrow(/too few for windows of 500/);
  });
});
