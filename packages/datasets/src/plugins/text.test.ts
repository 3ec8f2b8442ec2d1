import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { loadDataset } from '../node.js';
import { buildVocabulary, encodeTexts, words } from '../text/tokenize.js';

describe('tokenizer', () => {
  it('lower-cases, drops punctuation and HTML tags', () => {
    expect(words('Great film!<br /><br />The END, really.')).toEqual(['great', 'film', 'the', 'end', 'really']);
  });

  it('keeps the most frequent words, reserves 0 for padding and 1 for unknown words, pads and truncates at the front', () => {
    const vocab = buildVocabulary(['b a a', 'c a b', 'd'], 4);
    expect(vocab).toEqual(['', '<oov>', 'a', 'b']);
    const p = { kind: 'tokenize' as const, vocabulary: vocab, length: 3, lowercase: true };
    expect(Array.from(encodeTexts(['a', 'b c a b a'], p))).toEqual([0, 0, 2, 2, 3, 2]);
    expect(Array.from(encodeTexts(['zzz A'], p))).toEqual([0, 1, 2]);
  });
});

describe('text plugin', () => {
  it('reads a TSV with bare quotes, fits the vocabulary on the training split only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-text-'));
    const rows = Array.from({ length: 40 }, (_, i) => `${i}\t${i % 2}\t${i % 2 ? 'good "great" fun' : 'bad "awful" dull'} ${i}`);
    writeFileSync(join(dir, 'r.tsv'), `id\tlabel\ttext\n${rows.join('\n')}\n`);
    const { train, test } = await loadDataset('text', { source: join(dir, 'r.tsv'), vocabulary: 20, length: 5, testFraction: 0.25 });
    expect(train.shape).toEqual([30, 5, 1]);
    expect(test.shape).toEqual([10, 5, 1]);
    expect(train.task).toBe('binary');
    const p = train.preprocessing as { readonly vocabulary: readonly string[] };
    expect(p.vocabulary.slice(2, 8).sort()).toEqual(['awful', 'bad', 'dull', 'fun', 'good', 'great']);
    // The numbers of the test rows never made it into the vocabulary.
    expect(p.vocabulary.length).toBeLessThanOrEqual(20);
  });

  it('reads a folder of label sub-folders, and a separate test file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-folders-'));
    for (const [label, text] of [['neg', 'bad film'], ['pos', 'good film']]) {
      mkdirSync(join(dir, 'train', label), { recursive: true });
      mkdirSync(join(dir, 'test', label), { recursive: true });
      for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'train', label, `${i}.txt`), `${text} ${i}`);
      writeFileSync(join(dir, 'test', label, '0.txt'), text);
    }
    const { train, test } = await loadDataset('text', { source: join(dir, 'train'), test: join(dir, 'test'), length: 4 });
    expect(train.classNames).toEqual(['neg', 'pos']);
    expect(train.shape[0]).toBe(6);
    expect(Array.from(test.y)).toEqual([0, 1]);
  });

  it('names the file and what is missing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-badtext-')), 'x.tsv');
    writeFileSync(path, 'id\tsentiment\tbody\n1\t0\thi\n');
    await expect(loadDataset('text', { source: path })).rejects.toThrow(/x\.tsv:1: the header must name a "text" and a "label" column/);
    await expect(loadDataset('text', {})).rejects.toThrow(/text option "source": required/);
  });

  it.runIf(hasSharedData('imdb'))('tokenises the real IMDB reviews', async () => {
    const { train, test } = await loadDataset('text', { source: `${SHARED_DATA}/imdb/imdb-train-2k.tsv`, vocabulary: 1024, length: 100 });
    expect(train.shape).toEqual([1600, 100, 1]);
    expect(test.shape).toEqual([400, 100, 1]);
    expect(train.classNames).toEqual(['0', '1']);
    const p = train.preprocessing as { readonly vocabulary: readonly string[] };
    expect(p.vocabulary.slice(2, 5)).toEqual(['the', 'and', 'a']);
    expect(train.x.reduce((a, b) => Math.max(a, b), 0)).toBe(1023);
  });
});
