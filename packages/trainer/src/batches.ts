import type { SequenceDataset } from '@lstmkit/datasets';
import { tf } from './tf.js';

/** Number of output columns the targets of a dataset need: classes for multi-class, 1 otherwise. */
export function outputsFor(ds: SequenceDataset): number {
  return ds.task === 'multiclass' ? (ds.classNames?.length ?? Math.max(...ds.y) + 1) : 1;
}

/**
 * Builds the input and target tensors for the samples at `indices` (copied from the typed arrays, so the whole
 * dataset never becomes one tensor). Targets are one-hot for multi-class, a column otherwise. Caller disposes.
 */
export function makeBatch(ds: SequenceDataset, indices: ArrayLike<number>, outputs: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const [, t, f] = ds.shape;
  const stride = t * f;
  const n = indices.length;
  const x = new Float32Array(n * stride);
  const y = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    const j = indices[i]!;
    x.set(ds.x.subarray(j * stride, (j + 1) * stride), i * stride);
    if (ds.task === 'multiclass') y[i * outputs + ds.y[j]!] = 1;
    else y[i] = ds.y[j]!;
  }
  return { x: tf.tensor3d(x, [n, t, f]), y: tf.tensor2d(y, [n, outputs]) };
}

/** Just the inputs for samples [start, end). Caller disposes. */
export function makeInputs(ds: SequenceDataset, start: number, end: number): tf.Tensor3D {
  const [, t, f] = ds.shape;
  return tf.tensor3d(ds.x.subarray(start * t * f, end * t * f), [end - start, t, f]);
}
