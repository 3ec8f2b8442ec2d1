import fc from 'fast-check';

/**
 * fast-check arbitrary of damaged copies of `valid`: one byte flipped, truncated, junk appended, or a slice cut out
 * (what a bad disk, an interrupted download or a careless edit does). Shared by the readers' fuzz tests.
 */
export const mutated = (valid: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const b = Uint8Array.from(valid);
      b[i % b.length] ^= x;
      return b;
    }),
    fc.nat().map((n) => valid.subarray(0, n % valid.length)),
    fc.uint8Array({ minLength: 1, maxLength: 16 }).map((tail) => Uint8Array.from([...valid, ...tail])),
    fc.tuple(fc.nat(), fc.nat({ max: 8 })).map(([i, n]) => Uint8Array.from([...valid.subarray(0, i % valid.length), ...valid.subarray((i % valid.length) + n + 1)])),
  );
