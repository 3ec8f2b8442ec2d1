import { DatasetError } from '../errors.js';
import { intOption } from '../options.js';
import { seededRandom } from '../random.js';
import type { CommonLoadOptions, DatasetPlugin, SequenceDataset } from '../types.js';

export interface EchoOptions extends CommonLoadOptions {
  /** Timesteps per sequence; default 5. */
  readonly length?: number;
  /** Distinct values, one-hot encoded; default 10. */
  readonly features?: number;
  /** The timestep whose value is the target; default 2. */
  readonly index?: number;
  /** Training sequences; default 10,000. */
  readonly trainSamples?: number;
  /** Test sequences, drawn after the training ones; default 100. */
  readonly testSamples?: number;
}

function generate(n: number, length: number, features: number, index: number, rand: () => number, source: string): SequenceDataset {
  const x = new Float32Array(n * length * features);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < length; t++) {
      const v = Math.floor(rand() * features);
      x[(i * length + t) * features + v] = 1;
      if (t === index) y[i] = v;
    }
  }
  const classNames = Array.from({ length: features }, (_, v) => String(v));
  return { name: 'echo', source, x, shape: [n, length, features], y, task: 'multiclass', classNames };
}

const positiveInt = (name: string, v: unknown, fallback: number) => intOption('echo', name, v, fallback);

/**
 * W3's synthetic task: random sequences of one-hot values; the target is the value seen at one timestep, so the
 * model has to remember it to the end of the sequence. Seeded: the same seed gives the same sequences.
 */
export const echo: DatasetPlugin<EchoOptions> = {
  name: 'echo',
  description: 'random sequences of one-hot values; the target is the value at a given timestep (W3: echo the 3rd of 5)',
  task: 'multiclass',
  sources: 'generated (no source): options length, features, index, trainSamples, testSamples',
  options: [
    { name: 'length', description: 'timesteps per sequence (default 5)' },
    { name: 'features', description: 'number of distinct values, one-hot (default 10)' },
    { name: 'index', description: 'timestep whose value is the target, from 0 (default 2)' },
    { name: 'trainSamples', description: 'training sequences (default 10000)' },
    { name: 'testSamples', description: 'test sequences (default 100)' },
  ],
  async load(options = {}) {
    const length = positiveInt('length', options.length, 5);
    const features = positiveInt('features', options.features, 10);
    const index = options.index === undefined ? 2 : Number(options.index);
    if (!Number.isInteger(index) || index < 0 || index >= length) throw new DatasetError('echo option "index"', `expected an integer in 0..${length - 1}, got ${JSON.stringify(options.index)}`);
    if (options.source !== undefined) throw new DatasetError('echo option "source"', 'the echo dataset is generated; it reads no source');
    const rand = seededRandom(options.seed ?? 0);
    const source = `generated: ${length} one-hot steps over ${features} values, target = step ${index}`;
    const train = generate(Math.min(options.limit ?? Infinity, positiveInt('trainSamples', options.trainSamples, 10_000)), length, features, index, rand, source);
    const test = generate(positiveInt('testSamples', options.testSamples, 100), length, features, index, rand, source);
    return { train, test };
  },
};
