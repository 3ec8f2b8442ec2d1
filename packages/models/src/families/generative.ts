import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, DENSE_OPTIONS, embeddingOption, STACK_OPTIONS } from '../family-options.js';
import { recurrentClassifier } from '../layers.js';
import { SpecError } from '../spec.js';

/** The generative family's own options (a spec's `options`), as a schema. */
export const GENERATIVE_OPTIONS = Type.Object({ embedding: embeddingOption(true), ...STACK_OPTIONS, ...DENSE_OPTIONS });

/**
 * Next-token model: token ids -> Embedding -> LSTM(units...) -> softmax over the vocabulary. Generate text with
 * `sampleTokens` (temperature sampling).
 */
export const generative: ModelFamily<typeof GENERATIVE_OPTIONS> = {
  name: 'generative',
  description: 'Embedding(vocab) -> LSTM(units...) -> Dense(vocab, softmax); next-token model, sample with a temperature',
  options: GENERATIVE_OPTIONS,
  example: { family: 'generative', inputShape: [6, 1], units: 4, head: { task: 'multiclass', outputs: 10 }, options: { embedding: { vocabulary: 10, dim: 3 } } },
  validate(spec) {
    checkInputOptions(spec);
    const { vocabulary } = spec.options.embedding;
    if (spec.head.task !== 'multiclass' || spec.head.outputs !== vocabulary) {
      throw new SpecError('head', `a next-token model predicts one of the ${vocabulary} tokens: head { task: "multiclass", outputs: ${vocabulary} }`);
    }
  },
  build: (spec) => recurrentClassifier('lstm', 'generative', spec),
};
