import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutated } from '../../../../tests/mutations.js';
import { DatasetError } from '../errors.js';
import { idxBytes } from './fixtures.test-helpers.js';
import { parseIdx } from './parse.js';

/** parseIdx's result is consistent with its header, or it threw the typed error: nothing else may happen. */
function parsesOrNamesTheFile(bytes: Uint8Array, expectDims?: number): void {
  try {
    const idx = parseIdx(bytes, 'fuzz.idx', expectDims);
    expect(idx.data.length).toBe(idx.dims.reduce((a, b) => a * b, 1));
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).where).toBe('fuzz.idx');
  }
}

describe('parseIdx under fuzzing (fast-check)', () => {
  const images = idxBytes([3, 4, 5], Array.from({ length: 60 }, (_, i) => i));
  const floats = idxBytes([2, 2], Array.from({ length: 16 }, (_, i) => i * 7), 0x0d);

  it('random bytes give the data or a DatasetError naming the file', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), (b, dims) => parsesOrNamesTheFile(b, dims)), { numRuns: 500, seed: 1 });
  });

  it('mutations of valid files (flipped, truncated, extended, cut) give the data or a DatasetError', () => {
    fc.assert(fc.property(fc.oneof(mutated(images), mutated(floats)), (b) => parsesOrNamesTheFile(b)), { numRuns: 500, seed: 2 });
    // Headers that claim huge sizes are refused from the length, before anything that large is allocated.
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (dims) => parsesOrNamesTheFile(idxBytes(dims.map((d) => d + 1e6), [1, 2, 3]))), { numRuns: 200, seed: 3 });
  });
});
