import { recurrentClassifier } from '../layers.js';
import type { ModelFamily } from '../registry.js';

/** Keras SimpleRNN layers: the baseline recurrent model (W4's RNN(32, relu)). */
export const rnn: ModelFamily = {
  name: 'rnn',
  description: 'SimpleRNN(units...) -> head; the plain recurrent baseline, u*(d+u)+u params per layer',
  build: (spec) => recurrentClassifier('simpleRNN', 'rnn', spec),
};
