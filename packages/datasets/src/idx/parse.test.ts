import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { idxBytes } from './fixtures.test-helpers.js';
import { parseIdx } from './parse.js';

describe('parseIdx', () => {
  it('reads ubyte images with their dimensions', () => {
    const bytes = idxBytes([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
    const idx = parseIdx(bytes, 'x.idx', 3);
    expect(idx.dims).toEqual([2, 2, 3]);
    expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
  });

  it('reads big-endian int32 values', () => {
    const bytes = idxBytes([2], [0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe], 0x0c);
    expect(Array.from(parseIdx(bytes, 'i.idx').data)).toEqual([256, -2]);
  });

  it('names the file and the magic number when it is not IDX', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(() => parseIdx(bytes, 'data/zip.bin')).toThrowError(DatasetError);
    expect(() => parseIdx(bytes, 'data/zip.bin')).toThrow(/data\/zip\.bin: not an IDX file: magic number 0x504b0304/);
  });

  it('rejects a truncated file, saying how many bytes it needs', () => {
    const bytes = idxBytes([3, 2, 2], new Array(12).fill(1)).subarray(0, 20);
    expect(() => parseIdx(bytes, 'imgs', 3)).toThrow(/imgs: truncated: 20 bytes, the header \[3 x 2 x 2\] of ubyte needs 28/);
  });

  it('rejects trailing bytes and a wrong number of dimensions', () => {
    expect(() => parseIdx(idxBytes([2], [1, 2, 3]), 'labels')).toThrow(/1 unexpected trailing bytes/);
    expect(() => parseIdx(idxBytes([2], [1, 2]), 'labels', 3)).toThrow(/labels: IDX file has 1 dimension\(s\), expected 3/);
    expect(() => parseIdx(new Uint8Array([0, 0]), 'tiny')).toThrow(/tiny: too short/);
  });
});
