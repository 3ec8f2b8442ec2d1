import { limitSamples } from '../reshape/subset.js';
import type { CommonLoadOptions, DatasetSplits, SequenceDataset } from '../types.js';
import { idxImagePart } from './image-part.js';
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
    const ds = idxImagePart(info.name, `${source} (${prefix})`, images, labels, classNames);
    // The training part's class names (given, or from its labels) name the test part's too.
    classNames = ds.classNames;
    options.onProgress?.({ stage: `parsed ${prefix}`, done: ds.shape[0], total: ds.shape[0] });
    return ds;
  };
  const train = await part('train');
  const test = await part('t10k');
  return { train: limitSamples(train, options.limit, options.seed ?? 0), test };
}
