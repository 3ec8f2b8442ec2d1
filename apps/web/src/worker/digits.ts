import { limitSamples, loadImageAsset, registerDataset, splitDataset, type CommonLoadOptions, type DatasetPlugin } from '@lstmkit/datasets';

// The page's MNIST: the 10,000 embedded digits as one compact image asset (scripts/write-digits-asset.mjs writes it
// at build time), fetched only when picked, then split as @lstmkit/datasets' Node "mnist" loader splits them
// (seeded, stratified, 20% held out), so a seed gives the same 8,000 / 2,000 digits in the page and the CLI.
const ASSET = new URL('/digits.bin', self.location.origin).href;

registerDataset({
  name: 'mnist',
  description: '10,000 handwritten digits 0–9 (MNIST), each 28×28 image read as 28 timesteps of 28 pixels',
  task: 'multiclass',
  sources: 'the embedded digits, served with the page',
  async load(options: CommonLoadOptions = {}) {
    options.onProgress?.({ stage: 'downloading the digits', done: 0, total: 1 });
    const all = await loadImageAsset(ASSET);
    const seed = options.seed ?? 0;
    const { train, test } = splitDataset({ ...all, name: 'mnist', source: 'embedded: 10,000 MNIST digits (digits.bin)' }, { test: options.testFraction ?? 0.2 }, seed);
    return { train: limitSamples(train, options.limit, seed), test: test! };
  },
} satisfies DatasetPlugin);
