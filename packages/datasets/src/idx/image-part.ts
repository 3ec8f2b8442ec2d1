import { DatasetError } from '../errors.js';
import { imagesToSequences } from '../reshape/images.js';
import type { SequenceDataset } from '../types.js';
import { parseIdx } from './parse.js';

/** An IDX file's uncompressed bytes and where they came from (for messages). */
export interface IdxBytes {
  readonly bytes: Uint8Array;
  readonly where: string;
}

/**
 * One part (train or t10k) of an image dataset in the MNIST layout from its two IDX files' bytes: each image
 * becomes [rows timesteps x cols features] scaled to [0, 1]. Class names default to "0".."max label". Browser-safe:
 * Node reads the bytes from files (image-dataset.ts), a page fetches them.
 */
export function idxImagePart(name: string, source: string, images: IdxBytes, labels: IdxBytes, classNames?: readonly string[]): SequenceDataset {
  const img = parseIdx(images.bytes, images.where, 3);
  const lab = parseIdx(labels.bytes, labels.where, 1);
  const [n, rows, cols] = img.dims as [number, number, number];
  if (lab.dims[0] !== n) throw new DatasetError(labels.where, `label/image count mismatch: ${lab.dims[0]} labels for ${n} images in ${images.where}`);
  const y = Int32Array.from(lab.data);
  const names = classNames ?? Array.from({ length: y.reduce((m, v) => Math.max(m, v), 0) + 1 }, (_, i) => String(i));
  const bad = y.findIndex((v) => v < 0 || v >= names.length);
  if (bad >= 0) throw new DatasetError(labels.where, `label ${y[bad]} at item ${bad} is outside 0..${names.length - 1}`);
  return { name, source, x: imagesToSequences(img.data, n, rows, cols), shape: [n, rows, cols], y, task: 'multiclass', classNames: names };
}
