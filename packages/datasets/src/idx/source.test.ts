import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { loadIdxImageSplits } from './image-dataset.js';
import { loadDataset } from '../node.js';
import { idxBytes } from './fixtures.test-helpers.js';
import { readSourceFile } from './source.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'lstmkit-idx-'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A tiny but complete four-file IDX dataset: 3 train and 2 test images of 2x2. */
function writeTinyIdx(dir: string, { gz = false, testLabels = 2 } = {}) {
  const files: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte': idxBytes([3, 2, 2], [0, 255, 0, 255, 51, 51, 51, 51, 255, 255, 255, 255]),
    'train-labels-idx1-ubyte': idxBytes([3], [0, 1, 2]),
    't10k-images-idx3-ubyte': idxBytes([2, 2, 2], [0, 0, 0, 0, 255, 0, 0, 255]),
    't10k-labels-idx1-ubyte': idxBytes([testLabels], [2, 1, 0].slice(0, testLabels)),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(bytes) : bytes);
  return files;
}

const INFO = { name: 'tiny', classNames: ['a', 'b', 'c'] };

describe('IDX sources', () => {
  it('loads raw and gzipped files from a directory, scaling pixels to [0, 1]', async () => {
    for (const gz of [false, true]) {
      const dir = tmp();
      writeTinyIdx(dir, { gz });
      const { train, test } = await loadIdxImageSplits(INFO, dir);
      expect(train.shape).toEqual([3, 2, 2]);
      expect(test.shape).toEqual([2, 2, 2]);
      expect(Array.from(train.x.subarray(0, 4))).toEqual([0, 1, 0, 1]);
      expect(train.x[4]).toBeCloseTo(0.2);
      expect(Array.from(train.y)).toEqual([0, 1, 2]);
      expect(train.classNames).toEqual(['a', 'b', 'c']);
    }
  });

  it('the generic idx plugin takes its classes from the labels', async () => {
    const dir = tmp();
    writeTinyIdx(dir);
    const { train } = await loadDataset('idx', { source: dir });
    expect(train.classNames).toEqual(['0', '1', '2']);
    expect(train.name).toBe('idx');
    await expect(loadDataset('idx', {})).rejects.toThrow(/idx option "source": required/);
  });

  it('names the missing file and the names it looked for', async () => {
    const dir = tmp();
    writeTinyIdx(dir);
    await expect(readSourceFile(dir, 'train-images-idx3-ubyte')).resolves.toBeDefined();
    await expect(readSourceFile(dir, 'nothing-idx1-ubyte')).rejects.toThrow(/nothing-idx1-ubyte: missing file: looked for nothing-idx1-ubyte, nothing-idx1-ubyte\.gz, nothing\.idx1-ubyte/);
    await expect(readSourceFile(join(dir, 'nope'), 'x')).rejects.toThrow(/nope: no such directory/);
  });

  it('reports a label/image count mismatch naming the labels file', async () => {
    const dir = tmp();
    writeTinyIdx(dir, { testLabels: 3 });
    const err = await loadIdxImageSplits(INFO, dir).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toMatch(/t10k-labels-idx1-ubyte: label\/image count mismatch: 3 labels for 2 images/);
  });

  it('verifies checksums of the uncompressed content and names the damaged file', async () => {
    const dir = tmp();
    const files = writeTinyIdx(dir, { gz: true });
    const good = { 'train-labels-idx1-ubyte': sha(files['train-labels-idx1-ubyte']!) };
    await expect(readSourceFile(dir, 'train-labels-idx1-ubyte', { checksums: good })).resolves.toBeDefined();
    const bad = { 'train-labels-idx1-ubyte': '0'.repeat(64) };
    await expect(readSourceFile(dir, 'train-labels-idx1-ubyte', { checksums: bad })).rejects.toThrow(/train-labels-idx1-ubyte\.gz: checksum mismatch/);
  });

  it('rejects a corrupt gzip file by name', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x-idx1-ubyte.gz'), new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await expect(readSourceFile(dir, 'x-idx1-ubyte')).rejects.toThrow(/x-idx1-ubyte\.gz: corrupt gzip data/);
  });

  describe('from a URL', () => {
    let server: Server;
    let base = '';
    let hits = 0;
    beforeAll(async () => {
      const dir = tmp();
      writeTinyIdx(dir, { gz: true });
      server = createServer((req, res) => {
        hits++;
        const name = req.url!.slice('/data/'.length);
        try {
          const body = readFileSync(join(dir, name));
          res.writeHead(200, { 'content-length': body.length }).end(body);
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}/data`;
    });
    afterAll(() => server.close());

    it('downloads once into the cache (atomically) and reuses it', async () => {
      const cacheDir = tmp();
      const progress: number[] = [];
      const first = await loadIdxImageSplits(INFO, base, { cacheDir, onProgress: (p) => progress.push(p.done) });
      const hitsAfterFirst = hits;
      const second = await loadIdxImageSplits(INFO, base, { cacheDir });
      expect(hits).toBe(hitsAfterFirst);
      expect(Array.from(second.train.x)).toEqual(Array.from(first.train.x));
      expect(progress.length).toBeGreaterThan(0);
      const cached = readdirSync(join(cacheDir, readdirSync(cacheDir)[0]!));
      expect(cached.sort()).toEqual(['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']);
    });

    it('names the URL when the server has no such file', async () => {
      await expect(readSourceFile(base, 'absent-idx1-ubyte', { cacheDir: tmp() })).rejects.toThrow(/absent-idx1-ubyte: missing file: the server has neither/);
    });
  });
});
