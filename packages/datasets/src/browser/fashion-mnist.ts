import { FASHION_CLASSES, FASHION_MNIST_FILES } from '../remote/files.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetPlugin } from '../types.js';
import { fetchIdxImageSplits } from './idx-images.js';

/** Zalando's Fashion-MNIST in a browser: the four original files fetched and checked. */
export const fashionMnist: DatasetPlugin = {
  name: 'fashion-mnist',
  description: 'Zalando Fashion-MNIST: 60,000 + 10,000 28x28 clothing images as 28 timesteps of 28 pixels, 10 classes (30 MB)',
  task: 'multiclass',
  sources: "fetched from Zalando's repository or the mirror option's server (fashion-mnist/*.gz); checked by sha256",
  options: Type.Object({}),
  load: (options = {}) => fetchIdxImageSplits('fashion-mnist', FASHION_MNIST_FILES, options, FASHION_CLASSES),
};
