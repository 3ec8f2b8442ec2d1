import { DatasetError } from '../errors.js';
import { imagesToSequences } from '../reshape/images.js';
import { limitSamples } from '../reshape/subset.js';
import type { CommonLoadOptions, DatasetSplits, SequenceDataset } from '../types.js';
import { parseIdx } from './parse.js';
import { readSourceFile } from './source.js';

/** What `loadIdxImageSplits` needs to know of an image dataset in the MNIST file layout. */
export interface IdxImageDatasetInfo {
  readonly name: string;
  /** Class names by label id; omitted: "0".."max label" from the training labels. */
  readonly classNames?: readonly string[];
  /** sha256 of the uncompressed standard files, by canonical name (verified when the names match). */
  readonly checksums?: Readonly<Record<string, string>>;
}

/**
 * Loads the standard four-file IDX layout (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-…) from a
 * directory or base URL: each image becomes [rows timesteps x cols features] scaled to [0, 1].
 */
export async function loadIdxImageSplits(
  info: IdxImageDatasetInfo,
  source: string,
  options: CommonLoadOptions & { verify?: boolean } = {},
): Promise<DatasetSplits> {
  const read = { cacheDir: options.cacheDir, onProgress: options.onProgress, checksums: options.verify === false ? undefined : info.checksums };
  let classNames = info.classNames;
  const part = async (prefix: 'train' | 't10k'): Promise<SequenceDataset> => {
    const images = await readSourceFile(source, `${prefix}-images-idx3-ubyte`, read);
    const labels = await readSourceFile(source, `${prefix}-labels-idx1-ubyte`, read);
    const img = parseIdx(images.bytes, images.where, 3);
    const lab = parseIdx(labels.bytes, labels.where, 1);
    const [n, rows, cols] = img.dims as [number, number, number];
    if (lab.dims[0] !== n) {
      throw new DatasetError(labels.where, `label/image count mismatch: ${lab.dims[0]} labels for ${n} images in ${images.where}`);
    }
    const y = Int32Array.from(lab.data);
    classNames ??= Array.from({ length: y.reduce((m, v) => Math.max(m, v), 0) + 1 }, (_, i) => String(i));
    const bad = y.findIndex((v) => v < 0 || v >= classNames!.length);
    if (bad >= 0) throw new DatasetError(labels.where, `label ${y[bad]} at item ${bad} is outside 0..${classNames.length - 1}`);
    options.onProgress?.({ stage: `parsed ${prefix}`, done: n, total: n });
    return {
      name: info.name,
      source: `${source} (${prefix})`,
      x: imagesToSequences(img.data, n, rows, cols),
      shape: [n, rows, cols],
      y,
      task: 'multiclass',
      classNames,
    };
  };
  const train = await part('train');
  const test = await part('t10k');
  return { train: limitSamples(train, options.limit, options.seed ?? 0), test };
}
