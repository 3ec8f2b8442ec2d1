// A generated dataset: sequences of small numbers; the class is whether they sum to more than zero.
import { registerDataset, seededRandom } from '@lstmkit/datasets';
import { Type } from '@lstmkit/plugin';

const options = Type.Object({
  length: Type.Integer({ minimum: 2, default: 8, description: 'timesteps per sequence' }),
  samples: Type.Integer({ minimum: 2, default: 400, description: 'training sequences (a quarter as many for the test)' }),
});

/** @returns {import('@lstmkit/datasets').SequenceDataset} */
function generate(n, length, random) {
  const x = new Float32Array(n * length);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let t = 0; t < length; t++) sum += x[i * length + t] = random() * 2 - 1;
    y[i] = sum > 0 ? 1 : 0;
  }
  return { name: 'toy-signs', source: 'generated', x, shape: [n, length, 1], y, task: 'binary', classNames: ['negative', 'positive'] };
}

/** @type {import('@lstmkit/datasets').DatasetPlugin<typeof options>} */
export const toySigns = {
  name: 'toy-signs',
  description: 'random sequences; class: whether the values sum to more than zero',
  task: 'binary',
  sources: 'generated (no source)',
  options,
  async load(o = {}) {
    const random = seededRandom(o.seed ?? 0);
    const length = o.length ?? 8;
    const samples = Math.min(o.limit ?? Infinity, o.samples ?? 400);
    return { train: generate(samples, length, random), test: generate(Math.ceil(samples / 4), length, random) };
  },
};

registerDataset(toySigns);
