/**
 * Per-column mean and standard deviation of a row-major [rows, columns] matrix (population std, as scikit-learn's
 * StandardScaler; a constant column gets std 1 so it maps to 0).
 */
export function columnStats(values: Float32Array, columns: number): { mean: number[]; std: number[] } {
  const rows = values.length / columns;
  const mean = new Array<number>(columns).fill(0);
  const sq = new Array<number>(columns).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) mean[c]! += values[r * columns + c]!;
  for (let c = 0; c < columns; c++) mean[c]! /= rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) sq[c]! += (values[r * columns + c]! - mean[c]!) ** 2;
  return { mean, std: sq.map((s) => Math.sqrt(s / rows) || 1) };
}

/** (x - mean) / std per column, into a new array. */
export function applyStandardize(values: Float32Array, mean: readonly number[], std: readonly number[]): Float32Array {
  const columns = mean.length;
  return values.map((v, i) => (v - mean[i % columns]!) / std[i % columns]!);
}
