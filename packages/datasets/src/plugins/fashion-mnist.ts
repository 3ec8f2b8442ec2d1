import { DatasetError } from '../errors.js';
import { loadIdxImageSplits } from '../idx/image-dataset.js';
import type { DatasetPlugin } from '../types.js';
import type { MnistOptions } from './mnist.js';

/** sha256 of the uncompressed original Fashion-MNIST files. */
export const FASHION_MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};

export const FASHION_CLASSES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Zalando's Fashion-MNIST: the MNIST layout and size, ten kinds of clothing instead of digits. */
export const fashionMnist: DatasetPlugin<MnistOptions> = {
  name: 'fashion-mnist',
  description: 'Zalando Fashion-MNIST: 28x28 clothing images as 28 timesteps of 28 pixels, 10 classes',
  task: 'multiclass',
  sources: 'a directory or base URL with the 4 IDX files (raw or .gz); no embedded copy',
  options: [{ name: 'verify', description: 'verify the IDX files against the original sha256 (default true)' }],
  async load(options = {}) {
    if (!options.source) throw new DatasetError('fashion-mnist --source', 'required: a directory or URL holding train-images-idx3-ubyte(.gz) and the other three files');
    return loadIdxImageSplits({ name: 'fashion-mnist', classNames: FASHION_CLASSES, checksums: FASHION_MNIST_SHA256 }, options.source, options);
  },
};
