import seedrandom from 'seedrandom';

/** A seeded uniform [0, 1) generator; the same seed gives the same sequence on every platform (seedrandom). */
export function seededRandom(seed: number): () => number {
  return seedrandom(String(seed));
}

/** `k` distinct indices of 0..n-1 drawn with a seed (the first k draws of a Fisher–Yates shuffle). */
export function sampleIndices(n: number, k: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n - 1); i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p.subarray(0, k);
}
