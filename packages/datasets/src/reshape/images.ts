/**
 * Images [n, rows, cols] (row-major, any numeric array) -> sequences [n, rows timesteps, cols features] in [0, 1].
 * Each image row becomes one timestep, as in the reference Keras MNIST LSTM. `scale` maps pixel values to [0, 1]
 * (1/255 for uint8 pixels, 1 for data that is already scaled).
 */
export function imagesToSequences(pixels: ArrayLike<number>, n: number, rows: number, cols: number, scale = 1 / 255): Float32Array {
  const size = n * rows * cols;
  if (pixels.length !== size) throw new RangeError(`imagesToSequences: ${pixels.length} values for ${n} x ${rows} x ${cols} = ${size}`);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = pixels[i]! * scale;
  return out;
}
