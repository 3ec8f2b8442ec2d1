import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, DENSE_OPTIONS, INPUT_OPTIONS, STACK_OPTIONS } from '../family-options.js';
import { recurrentClassifier } from '../layers.js';

/** The stacked family's own options (a spec's `options`), as a schema. */
export const STACKED_OPTIONS = Type.Object({ ...INPUT_OPTIONS, ...STACK_OPTIONS, ...DENSE_OPTIONS });

/** LSTM layers one on another; every layer but the last returns its whole sequence to the next (W2, W4). */
export const stacked: ModelFamily<typeof STACKED_OPTIONS> = {
  name: 'stacked',
  description: 'LSTM(u1, return sequences) -> ... -> LSTM(un) -> head; units as a list, optional BatchNorm/Dropout between',
  options: STACKED_OPTIONS,
  example: { family: 'stacked', inputShape: [6, 4], units: [4, 4], head: { task: 'multiclass', outputs: 3 }, options: { batchNorm: true } },
  validate: checkInputOptions,
  build: (spec) => recurrentClassifier('lstm', 'stacked', spec),
};
