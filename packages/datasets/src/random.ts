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
