import seedrandom from 'seedrandom';

/** A seeded uniform [0, 1) generator; the same seed gives the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  return seedrandom(String(seed));
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * A uniform [0, 1) draw for item `i` under `seed`, with no state: the same (seed, i) always gives the same value,
 * so a stream can decide each row's split on every pass without remembering it. (splitmix32; seedrandom has no
 * stateless form, and building one generator per row would cost more than the row.)
 */
export function uniformAt(seed: number, i: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(i | 0, 0x85ebca6b) + 0x6d2b79f5) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
}
