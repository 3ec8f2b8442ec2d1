import { resolveSpec } from '@lstmkit/models';
import type { SequenceDataset } from '@lstmkit/datasets';
import { describe, expect, it } from 'vitest';
import { specForData } from './spec-for-data.js';

const text: SequenceDataset = {
  name: 'text', source: 'reviews', x: new Float32Array(8), shape: [2, 4, 1], y: Int32Array.from([0, 1]), task: 'binary', classNames: ['neg', 'pos'],
  preprocessing: { kind: 'tokenize', vocabulary: ['', '?', 'good', 'bad', 'film'], length: 4, lowercase: true },
};
const series: SequenceDataset = { name: 'timeseries', source: 'series', x: new Float32Array(12), shape: [2, 6, 1], y: new Float32Array(6), targetShape: [3, 1], task: 'regression' };

describe('specForData', () => {
  it('takes the input shape and head from the data, and the options the data decides where they are not given', () => {
    const spec = specForData({ family: 'vanilla', units: 4, options: { embedding: { dim: 3 } } }, text);
    expect(spec).toEqual({ family: 'vanilla', units: 4, inputShape: [4, 1], head: { task: 'binary', outputs: 1 }, options: { embedding: { dim: 3, vocabulary: 5 } } });
    resolveSpec(spec);
    // No Embedding asked for: none is added.
    expect(specForData({ family: 'vanilla', units: 4 }, text).options).toBeUndefined();
    expect(specForData({ family: 'encoder-decoder', units: 4 }, series).options).toEqual({ outputSteps: 3 });
    expect(specForData({ family: 'encoder-decoder', units: 4, options: { outputSteps: 2 } }, series).options).toEqual({ outputSteps: 2 });
  });
});
