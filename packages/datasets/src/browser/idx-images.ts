import { idxImagePart } from '../idx/image-part.js';
import { limitSamples } from '../reshape/subset.js';
import { fetchChecked, gunzip } from '../remote/fetch-checked.js';
import type { RemoteFile } from '../remote/files.js';
import type { CommonLoadOptions, DatasetSplits } from '../types.js';

/**
 * An image dataset in the MNIST layout in a browser: its four gzipped IDX files (train images and labels, then
 * t10k's) fetched and checked, gunzipped and read as Node's loader reads them.
 */
export async function fetchIdxImageSplits(name: string, files: readonly RemoteFile[], options: CommonLoadOptions, classNames?: readonly string[]): Promise<DatasetSplits> {
  const bytes = async (file: RemoteFile) => ({ bytes: await gunzip(await fetchChecked(file, { mirror: options.mirror, onProgress: options.onProgress }), file.path), where: file.path });
  const [trainImages, trainLabels, testImages, testLabels] = files;
  const train = idxImagePart(name, `${name} (train)`, await bytes(trainImages!), await bytes(trainLabels!), classNames);
  const test = idxImagePart(name, `${name} (t10k)`, await bytes(testImages!), await bytes(testLabels!), train.classNames);
  return { train: limitSamples(train, options.limit, options.seed ?? 0), test };
}
