import { recurrentClassifier } from '../layers.js';
import type { ModelFamily } from '../registry.js';
import { SpecError } from '../spec.js';

/**
 * Next-token model: token ids -> Embedding -> LSTM(units...) -> softmax over the vocabulary. Generate text with
 * `sampleTokens` (temperature sampling).
 */
export const generative: ModelFamily = {
  name: 'generative',
  description: 'Embedding(vocab) -> LSTM(units...) -> Dense(vocab, softmax); next-token model, sample with a temperature',
  build(spec) {
    if (!spec.embedding) throw new SpecError('embedding', 'the generative family reads token ids: give embedding { vocabulary, dim }');
    if (spec.head.task !== 'multiclass' || spec.head.outputs !== spec.embedding.vocabulary) {
      throw new SpecError('head', `a next-token model predicts one of the ${spec.embedding.vocabulary} tokens: head { task: "multiclass", outputs: ${spec.embedding.vocabulary} }`);
    }
    return recurrentClassifier('lstm', 'generative', spec);
  },
};
