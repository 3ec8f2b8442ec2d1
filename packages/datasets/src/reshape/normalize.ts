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
