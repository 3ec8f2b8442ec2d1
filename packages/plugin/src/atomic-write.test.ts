import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  it('replaces a file whole, from bytes, text or a stream, and leaves nothing beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-atomic-'));
    const file = join(dir, 'sub', 'a.bin');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    async function* chunks() {
      yield new Uint8Array([4]);
      yield new Uint8Array([5, 6]);
    }
    await writeFileAtomic(file, chunks());
    expect([...readFileSync(file)]).toEqual([4, 5, 6]);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.bin']);
  });

  it('keeps the old file when the check refuses the new bytes or the stream fails midway', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-atomic-'));
    const file = join(dir, 'model.onnx');
    writeFileSync(file, 'old');
    await expect(writeFileAtomic(file, 'new', { check: () => Promise.reject(new Error('checksum mismatch')) })).rejects.toThrow(/checksum mismatch/);
    async function* broken() {
      yield new Uint8Array([1]);
      throw new Error('connection reset');
    }
    await expect(writeFileAtomic(file, broken())).rejects.toThrow(/connection reset/);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['model.onnx']);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
