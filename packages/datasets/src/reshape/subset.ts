import { permutation } from '../random.js';
import type { SequenceDataset } from '../types.js';

/** Number of target values per sample (1 unless the dataset has a targetShape). */
export const targetSize = (ds: SequenceDataset): number => (ds.targetShape ?? [1]).reduce((a, b) => a * b, 1);

/** The samples at `indices`, in that order, as a new dataset (copies; the source is untouched). */
export function subset(ds: SequenceDataset, indices: ArrayLike<number>): SequenceDataset {
  const [, t, f] = ds.shape;
  const stride = t * f;
  const yStride = targetSize(ds);
  const x = new Float32Array(indices.length * stride);
  const y = ds.y instanceof Int32Array ? new Int32Array(indices.length * yStride) : new Float32Array(indices.length * yStride);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i]!;
    if (j < 0 || j >= ds.shape[0]) throw new RangeError(`subset: index ${j} outside 0..${ds.shape[0] - 1}`);
    x.set(ds.x.subarray(j * stride, (j + 1) * stride), i * stride);
    if (yStride === 1) y[i] = ds.y[j]!;
    else y.set(ds.y.subarray(j * yStride, (j + 1) * yStride), i * yStride);
  }
  return { ...ds, x, y, shape: [indices.length, t, f] };
}

/** The samples of `a`, then those of `b` (e.g. a train and a test split), as a new dataset. */
export function concatDatasets(a: SequenceDataset, b: SequenceDataset): SequenceDataset {
  if (a.shape[1] !== b.shape[1] || a.shape[2] !== b.shape[2] || a.task !== b.task || targetSize(a) !== targetSize(b)) {
    throw new RangeError(`concatDatasets: samples of ${a.shape.slice(1).join('x')} (${a.task}) and ${b.shape.slice(1).join('x')} (${b.task}) do not match`);
  }
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const y = a.y instanceof Int32Array ? new Int32Array(a.y.length + b.y.length) : new Float32Array(a.y.length + b.y.length);
  y.set(a.y);
  y.set(b.y, a.y.length);
  return { ...a, x, y, shape: [a.shape[0] + b.shape[0], a.shape[1], a.shape[2]] };
}

/** The dataset in a seeded random order. */
export function shuffleDataset(ds: SequenceDataset, seed: number): SequenceDataset {
  return subset(ds, permutation(ds.shape[0], seed));
}

/** At most `limit` samples, chosen by a seeded shuffle so every class is represented. */
export function limitSamples(ds: SequenceDataset, limit: number | undefined, seed: number): SequenceDataset {
  if (limit === undefined || limit >= ds.shape[0]) return ds;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return subset(ds, permutation(ds.shape[0], seed).subarray(0, limit));
}

/** Shares of the samples for the test (and optionally validation) split; the rest is training data. */
export interface SplitFractions {
  /** Fraction of samples for the test part (0..1). */
  readonly test?: number;
  /** Fraction of samples for the validation part (0..1). */
  readonly validation?: number;
}

/**
 * Seeded, stratified split of sample indices 0..n-1 into train / validation / test. `classes` (one id per sample)
 * stratifies; null splits without regard to targets (regression).
 */
export function splitIndices(n: number, classes: ArrayLike<number> | null, fractions: SplitFractions, seed: number): { train: number[]; validation: number[]; test: number[] } {
  const testF = fractions.test ?? 0;
  const valF = fractions.validation ?? 0;
  if (testF < 0 || valF < 0 || testF + valF >= 1) throw new RangeError(`split fractions must be >= 0 and sum to < 1 (test ${testF}, validation ${valF})`);
  // Stratify: shuffle each class, give every sample its relative position in its class, and order all samples
  // by that position. Any prefix of this order then holds each class in proportion, so cutting it at the global
  // counts gives exact sizes (round(n * fraction)) and balanced parts.
  const groups = new Map<number, number[]>();
  for (const i of permutation(n, seed)) {
    const key = classes ? classes[i]! : 0;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const ranked: { i: number; r: number }[] = [];
  for (const g of groups.values()) g.forEach((i, j) => ranked.push({ i, r: (j + 0.5) / g.length }));
  ranked.sort((a, b) => a.r - b.r || a.i - b.i);
  const nTest = Math.round(n * testF);
  const nVal = Math.round(n * valF);
  const ids = ranked.map((e) => e.i);
  // Mix each part again: the ranking leaves it ordered by rank.
  const mix = (idx: number[], s: number) => Array.from(permutation(idx.length, s), (k) => idx[k]!);
  return { test: mix(ids.slice(0, nTest), seed + 3), validation: mix(ids.slice(nTest, nTest + nVal), seed + 2), train: mix(ids.slice(nTest + nVal), seed + 1) };
}

/** Seeded train / validation / test split, stratified by class for classification. */
export function splitDataset(ds: SequenceDataset, fractions: SplitFractions, seed: number): { train: SequenceDataset; validation?: SequenceDataset; test?: SequenceDataset } {
  const parts = splitIndices(ds.shape[0], ds.task === 'regression' ? null : ds.y, fractions, seed);
  return {
    train: subset(ds, parts.train),
    ...(fractions.validation ? { validation: subset(ds, parts.validation) } : {}),
    ...(fractions.test ? { test: subset(ds, parts.test) } : {}),
  };
}
