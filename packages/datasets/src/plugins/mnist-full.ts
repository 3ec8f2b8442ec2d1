import { dirname } from 'node:path';
import { loadIdxImageSplits } from '../idx/image-dataset.js';
import { fetchRemote, type RemoteFile } from '../remote/remote-file.js';
import type { DatasetPlugin } from '../types.js';
import { DIGITS } from './embedded-digits.js';
import { MNIST_SHA256, type MnistOptions } from './mnist.js';

const BASE = 'https://storage.googleapis.com/cvdf-datasets/mnist';

/** The four original MNIST files, from the copy TensorFlow Datasets downloads (the same bytes as LeCun's site). */
export const MNIST_FILES: readonly RemoteFile[] = [
  { path: 'mnist/train-images-idx3-ubyte.gz', url: `${BASE}/train-images-idx3-ubyte.gz`, sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', bytes: 9_912_422 },
  { path: 'mnist/train-labels-idx1-ubyte.gz', url: `${BASE}/train-labels-idx1-ubyte.gz`, sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', bytes: 28_881 },
  { path: 'mnist/t10k-images-idx3-ubyte.gz', url: `${BASE}/t10k-images-idx3-ubyte.gz`, sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', bytes: 1_648_877 },
  { path: 'mnist/t10k-labels-idx1-ubyte.gz', url: `${BASE}/t10k-labels-idx1-ubyte.gz`, sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', bytes: 4_542 },
];

/** Keras' `mnist.load_data()`: the original 60,000 + 10,000 digits, downloaded once and checked. */
export const mnistFull: DatasetPlugin<MnistOptions> = {
  name: 'mnist-full',
  description: 'the original MNIST: 60,000 train + 10,000 test digits, 28x28 as 28 timesteps of 28 pixels (downloaded once, 11.6 MB)',
  task: 'multiclass',
  sources: `downloaded from ${BASE}/ (or LSTMKIT_DATASETS_MIRROR) into the cache; no source`,
  async load(options = {}) {
    const paths = await Promise.all(MNIST_FILES.map((f) => fetchRemote(f, options)));
    return loadIdxImageSplits({ name: 'mnist-full', classNames: DIGITS, checksums: MNIST_SHA256 }, dirname(paths[0]!), options);
  },
};
