import { createServer } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbeddedDigits } from '../plugins/embedded-digits.js';
import type { SequenceDataset } from '../types.js';
import { decodeImageAsset, encodeImageAsset, loadImageAsset } from './image-asset.js';
import { writeImageAsset } from './write-image-asset.js';

/** Byte-for-byte equality of two typed arrays (vitest's toEqual walks 7.8 million elements for minutes). */
function bytesOf(a: Float32Array | Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The dataset with its arrays compared as bytes and the rest as values. */
function expectSame(actual: SequenceDataset, expected: SequenceDataset): void {
  expect(actual.x.constructor).toBe(expected.x.constructor);
  expect(actual.y.constructor).toBe(expected.y.constructor);
  expect(bytesOf(actual.x).equals(bytesOf(expected.x))).toBe(true);
  expect(bytesOf(actual.y).equals(bytesOf(expected.y))).toBe(true);
  expect({ ...actual, x: null, y: null }).toEqual({ ...expected, x: null, y: null });
}

describe('image asset', () => {
  let digits: SequenceDataset;
  let dir: string;
  beforeAll(async () => {
    digits = await loadEmbeddedDigits();
    dir = await mkdtemp(join(tmpdir(), 'lstmkit-asset-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('holds the 10,000 embedded digits in one byte per pixel and gives back exactly what the Node loader gives', async () => {
    const path = join(dir, 'public', 'digits.bin');
    const size = await writeImageAsset(path, digits);
    expect(size).toBeLessThan(10_000 * 785 + 400);
    expect(await readdir(join(dir, 'public'))).toEqual(['digits.bin']);
    const file = await readFile(path);
    const loaded = await loadImageAsset(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    expectSame(loaded, digits);
  });

  it('loads from a URL with fetch, and names the URL when the server answers with an error', async () => {
    const bytes = encodeImageAsset(digits);
    const server = createServer((req, res) => {
      if (req.url === '/digits.bin') res.end(bytes);
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const loaded = await loadImageAsset(`${base}/digits.bin`);
      expectSame(loaded, digits);
      await expect(loadImageAsset(new URL(`${base}/missing.bin`))).rejects.toThrow(`${base}/missing.bin: could not fetch the image asset: HTTP 404`);
    } finally {
      server.close();
    }
  });

  it('refuses damaged, truncated or foreign bytes with a clear message', () => {
    const bytes = encodeImageAsset({ ...digits, x: digits.x.subarray(0, 784 * 3), y: digits.y.subarray(0, 3), shape: [3, 28, 28] });
    const damaged = bytes.slice();
    damaged[damaged.length - 500] ^= 1;
    expect(() => decodeImageAsset(damaged, 'digits.bin')).toThrow('digits.bin: checksum mismatch (CRC-32): the file is damaged or truncated');
    expect(() => decodeImageAsset(bytes.subarray(0, bytes.length - 1), 'digits.bin')).toThrow(/checksum mismatch/);
    expect(() => decodeImageAsset(new TextEncoder().encode('<!doctype html>'), 'digits.bin')).toThrow('digits.bin: not an lstmkit image asset');
    expect(decodeImageAsset(bytes).y).toEqual(Int32Array.of(...digits.y.subarray(0, 3)));
  });

  it('refuses data that would not come back identical', () => {
    const small: SequenceDataset = { name: 's', source: 'test', x: Float32Array.of(0.5, 1), shape: [1, 1, 2], y: Int32Array.of(0), task: 'multiclass', classNames: ['a'] };
    expect(() => encodeImageAsset(small)).toThrow('image asset of "s": pixel values are not 8-bit gray levels');
    const exact = { ...small, x: Float32Array.of(128 / 255, 1) };
    expect(decodeImageAsset(encodeImageAsset(exact))).toEqual(exact);
    expect(() => encodeImageAsset({ ...exact, y: Int32Array.of(1) })).toThrow('image asset of "s", sample 0: label 1 is not a class id 0..0');
  });
});
