import { dirname } from 'node:path';
import { loadIdxImageSplits } from '../idx/image-dataset.js';
import { FASHION_CLASSES, FASHION_MNIST_FILES } from '../remote/files.js';
import { fetchRemote } from '../remote/remote-file.js';
import type { DatasetPlugin } from '../types.js';
import { NO_OPTIONS } from './mnist.js';

/** sha256 of the uncompressed original Fashion-MNIST files. */
export const FASHION_MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};


/** Zalando's Fashion-MNIST: the MNIST layout and size, ten kinds of clothing instead of digits. */
export const fashionMnist: DatasetPlugin<typeof NO_OPTIONS> = {
  name: 'fashion-mnist',
  description: 'Zalando Fashion-MNIST: 60,000 + 10,000 28x28 clothing images as 28 timesteps of 28 pixels, 10 classes (downloaded once, 30 MB)',
  task: 'multiclass',
  sources: `omitted: downloaded once from Zalando's repository (or LSTMKIT_DATASETS_MIRROR) into the cache; or a directory or base URL with the 4 IDX files (raw or .gz)`,
  options: NO_OPTIONS,
  async load(options = {}) {
    const source = options.source ?? dirname((await Promise.all(FASHION_MNIST_FILES.map((f) => fetchRemote(f, options))))[0]!);
    return loadIdxImageSplits({ name: 'fashion-mnist', classNames: FASHION_CLASSES, checksums: FASHION_MNIST_SHA256 }, source, options);
  },
};
