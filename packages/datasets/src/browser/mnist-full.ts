import { MNIST_FILES } from '../remote/files.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetPlugin } from '../types.js';
import { fetchIdxImageSplits } from './idx-images.js';

/** Keras' `mnist.load_data()` in a browser: the original 60,000 + 10,000 digits, fetched and checked. */
export const mnistFull: DatasetPlugin = {
  name: 'mnist-full',
  description: 'the original MNIST: 60,000 train + 10,000 test digits, 28x28 as 28 timesteps of 28 pixels (11.6 MB)',
  task: 'multiclass',
  sources: "fetched from storage.googleapis.com/cvdf-datasets/mnist/ or the mirror option's server (mnist/*.gz); checked by sha256",
  options: Type.Object({}),
  load: (options = {}) => fetchIdxImageSplits('mnist-full', MNIST_FILES, options),
};
