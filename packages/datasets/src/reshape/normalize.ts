import type { Preprocessing } from '../types.js';

/** Min–max scaling of every value to [0, 1] (a constant array maps to 0). Returns a new array. */
export function minMaxScale(x: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min || 1;
  return x.map((v) => (v - min) / range);
}

/** Min-max scaling fitted per column (as the timeseries datasets do): `min` and `max` of each named column. */
export type MinMaxScaling = Extract<Preprocessing, { kind: 'minmax' }>;

/** Undoes the min-max scaling of `column` (e.g. to read a forecast in passengers, not in [0, 1]). */
export function inverseMinMax(values: ArrayLike<number>, p: MinMaxScaling, column: string): Float32Array {
  const c = p.columns.indexOf(column);
  if (c < 0) throw new RangeError(`inverseMinMax: no column ${column} (have ${p.columns.join(', ')})`);
  const range = p.max[c]! - p.min[c]! || 1;
  return Float32Array.from(values, (v) => v * range + p.min[c]!);
}
