import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, DENSE_OPTIONS, INPUT_OPTIONS, STACK_OPTIONS } from '../family-options.js';
import { recurrentClassifier } from '../layers.js';

/** The rnn family's own options (a spec's `options`), as a schema. */
export const RNN_OPTIONS = Type.Object({ ...INPUT_OPTIONS, ...STACK_OPTIONS, ...DENSE_OPTIONS });

/** Keras SimpleRNN layers: the baseline recurrent model (W4's RNN(32, relu)). */
export const rnn: ModelFamily<typeof RNN_OPTIONS> = {
  name: 'rnn',
  description: 'SimpleRNN(units...) -> head; the plain recurrent baseline, u*(d+u)+u params per layer',
  options: RNN_OPTIONS,
  example: { family: 'rnn', inputShape: [6, 4], units: 4, head: { task: 'multiclass', outputs: 3 } },
  validate: checkInputOptions,
  build: (spec) => recurrentClassifier('rnn', 'rnn', spec),
};
