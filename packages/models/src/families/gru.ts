import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, DENSE_OPTIONS, INPUT_OPTIONS, STACK_OPTIONS } from '../family-options.js';
import { recurrentClassifier } from '../layers.js';

/** The gru family's own options (a spec's `options`), as a schema. */
export const GRU_OPTIONS = Type.Object({ ...INPUT_OPTIONS, ...STACK_OPTIONS, ...DENSE_OPTIONS });

/** GRU layers (reset_after=false: tfjs has no reset_after=true, Keras' default), stacked when units is a list. */
export const gru: ModelFamily<typeof GRU_OPTIONS> = {
  name: 'gru',
  description: 'GRU(units...) -> head; 3*(u*(d+u)+u) params per layer (reset_after=false, as tfjs has no other)',
  options: GRU_OPTIONS,
  example: { family: 'gru', inputShape: [6, 4], units: 4, head: { task: 'multiclass', outputs: 3 } },
  validate: checkInputOptions,
  build: (spec) => recurrentClassifier('gru', 'gru', spec),
};
