import { DatasetError } from '../errors.js';
import { intOption } from '../options.js';
import { seededRandom } from '../random.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetPlugin, LoadOptions, SequenceDataset } from '../types.js';

/** The echo dataset's own options. */
export const ECHO_OPTIONS = Type.Object({
  length: Type.Integer({ minimum: 1, default: 5, description: 'timesteps per sequence' }),
  features: Type.Integer({ minimum: 1, default: 10, description: 'number of distinct values, one-hot' }),
  index: Type.Integer({ minimum: 0, default: 2, description: 'timestep whose value is the target, from 0' }),
  trainSamples: Type.Integer({ minimum: 1, default: 10_000, description: 'training sequences' }),
  testSamples: Type.Integer({ minimum: 1, default: 100, description: 'test sequences, drawn after the training ones' }),
});

/** What the echo dataset's `load` takes: the options of every dataset and its own. */
export type EchoOptions = LoadOptions<typeof ECHO_OPTIONS>;

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
export const echo: DatasetPlugin<typeof ECHO_OPTIONS> = {
  name: 'echo',
  description: 'random sequences of one-hot values; the target is the value at a given timestep (W3: echo the 3rd of 5)',
  task: 'multiclass',
  sources: 'generated (no source): options length, features, index, trainSamples, testSamples',
  options: ECHO_OPTIONS,
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
