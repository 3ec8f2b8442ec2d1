import { DatasetError } from '../errors.js';
import { loadIdxImageSplits } from '../idx/image-dataset.js';
import type { CommonLoadOptions, DatasetPlugin } from '../types.js';

/**
 * Any image dataset in the MNIST file layout (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-…, raw or
 * .gz): each image's rows become timesteps. Classes are the label ids found in the training labels.
 */
export const idx: DatasetPlugin<CommonLoadOptions> = {
  name: 'idx',
  description: 'any IDX image/label pair in the MNIST layout (e.g. KMNIST, EMNIST): image rows as timesteps',
  task: 'multiclass',
  sources: 'a directory or base URL with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (raw or .gz); required',
  async load(options = {}) {
    if (!options.source) throw new DatasetError('idx option "source"', 'required: a directory or URL holding the four IDX files');
    return loadIdxImageSplits({ name: 'idx' }, options.source, options);
  },
};
