import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutated } from '../../../../tests/mutations.js';
import { DatasetError } from '../errors.js';
import { getDataset, loadDataset } from '../node.js';
import type { SequenceDataset } from '../types.js';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** Writes the bytes as a file, plain or gzipped (then perhaps cut short), and returns its path. */
const fileOf = (bytes: Uint8Array, ext: string, gzip: 'no' | 'yes' | 'truncated') => {
  const path = join(dir, `f${n++}.${ext}${gzip === 'no' ? '' : '.gz'}`);
  const gz = gzipSync(bytes);
  writeFileSync(path, gzip === 'no' ? bytes : gzip === 'yes' ? gz : gz.subarray(0, Math.max(1, gz.length - 1 - (bytes.length % 7))));
  return path;
};

/** A loaded split is well formed: sizes agree, every feature is finite, every class id is a class. */
function wellFormed(ds: SequenceDataset): void {
  const [samples, steps, features] = ds.shape;
  expect(ds.x.length).toBe(samples * steps * features);
  expect(ds.x.every(Number.isFinite)).toBe(true);
  if (ds.classNames) expect(Array.from(ds.y).every((c) => Number.isInteger(c) && c >= 0 && c < ds.classNames!.length)).toBe(true);
  else expect(Array.from(ds.y).every(Number.isFinite)).toBe(true);
}

/** Loading gives well-formed data or the typed error; nothing else (a raw zlib or csv-parse error, a crash). */
async function loadsOrNamesTheFile(load: () => Promise<SequenceDataset[]>, file: string): Promise<void> {
  try {
    for (const ds of await load()) wellFormed(ds);
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    expect(e.message).toContain(file);
  }
}

const gzip = fc.constantFrom('no' as const, 'yes' as const, 'truncated' as const);
const csvText = `a,b,label\n${Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`).join('\n')}\n`;
const tsvText = `text\tlabel\n${Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'a good "film"' : 'a bad film'} ${i}\t${i % 2 ? 'pos' : 'neg'}`).join('\n')}\n`;
// Bytes that look like the format often enough to get past the header: fields, separators, numbers, NaN, quotes.
const csvish = fc.array(fc.constantFrom('1', '-2.5', '1e39', 'NaN', 'x', '', ',', ',', '\n', '\n', '"', '\t', ' ', '\r\n', '\u00ff', '0'), { maxLength: 80 }).map((parts) => new TextEncoder().encode(parts.join('')));
const bytes = fc.oneof(fc.uint8Array({ maxLength: 400 }), csvish);

describe('the CSV and TSV readers under fuzzing (fast-check)', () => {
  it('csv: random or mutated bytes, plain or gzipped, read whole or streamed, give data or a DatasetError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, mutated(new TextEncoder().encode(csvText))), gzip, fc.boolean(), async (b, gz, streamed) => {
        const file = fileOf(b, 'csv', gz);
        await loadsOrNamesTheFile(async () => {
          if (!streamed) return Object.values(await loadDataset('csv', { source: file })) as SequenceDataset[];
          const { train, test } = await getDataset('csv').stream!({ source: file });
          const chunks: SequenceDataset[] = [test];
          for await (const chunk of train.chunks(16)) chunks.push(chunk);
          return chunks;
        }, file);
      }),
      { numRuns: 120, seed: 11 },
    );
  });

  it('tsv (text dataset): random or mutated bytes, plain or gzipped, give data or a DatasetError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, mutated(new TextEncoder().encode(tsvText))), gzip, async (b, gz) => {
        const file = fileOf(b, 'tsv', gz);
        await loadsOrNamesTheFile(async () => Object.values(await loadDataset('text', { source: file, vocabulary: 20, length: 4 })) as SequenceDataset[], file);
      }),
      { numRuns: 80, seed: 12 },
    );
  });
});
