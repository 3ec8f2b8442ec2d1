import { tf } from '../tf.js';

/** A tensor's values on the host, to be kept in a backup and made a tensor again on any backend. */
export interface ArrayState {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly values: Float32Array | Int32Array;
}

export async function arrayOf(t: tf.Tensor, name = ''): Promise<ArrayState> {
  if (t.dtype !== 'float32' && t.dtype !== 'int32') throw new TypeError(`cannot back up tensor "${name}" of dtype ${t.dtype}`);
  const values = await t.data();
  // A copy: data() may hand out the backend's own array, which later steps overwrite.
  return { name, shape: [...t.shape], dtype: t.dtype, values: t.dtype === 'float32' ? Float32Array.from(values as Float32Array) : Int32Array.from(values as Int32Array) };
}

export const tensorOf = (a: ArrayState): tf.Tensor => tf.tensor(a.values, [...a.shape], a.dtype);

export const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
