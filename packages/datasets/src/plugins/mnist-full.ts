import { dirname } from 'node:path';
import { loadIdxImageSplits } from '../idx/image-dataset.js';
import { MNIST_BASE as BASE, MNIST_FILES } from '../remote/files.js';
import { fetchRemote } from '../remote/remote-file.js';
import type { DatasetPlugin } from '../types.js';
import { DIGITS } from './embedded-digits.js';
import { MNIST_SHA256, NO_OPTIONS } from './mnist.js';


/** Keras' `mnist.load_data()`: the original 60,000 + 10,000 digits, downloaded once and checked. */
export const mnistFull: DatasetPlugin<typeof NO_OPTIONS> = {
  options: NO_OPTIONS,
  name: 'mnist-full',
  description: 'the original MNIST: 60,000 train + 10,000 test digits, 28x28 as 28 timesteps of 28 pixels (downloaded once, 11.6 MB)',
  task: 'multiclass',
  sources: `downloaded from ${BASE}/ (or LSTMKIT_DATASETS_MIRROR) into the cache; no source`,
  async load(options = {}) {
    const paths = await Promise.all(MNIST_FILES.map((f) => fetchRemote(f, options)));
    return loadIdxImageSplits({ name: 'mnist-full', classNames: DIGITS, checksums: MNIST_SHA256 }, dirname(paths[0]!), options);
  },
};
