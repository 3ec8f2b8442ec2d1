import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, DENSE_OPTIONS, INPUT_OPTIONS, STACK_OPTIONS } from '../family-options.js';
import { recurrentClassifier, unitsOf } from '../layers.js';
import { SpecError } from '../spec.js';

/** The vanilla family's own options (a spec's `options`), as a schema. */
export const VANILLA_OPTIONS = Type.Object({ ...INPUT_OPTIONS, ...STACK_OPTIONS, ...DENSE_OPTIONS });

/** One LSTM layer reading the whole sequence, its last output feeding the head (the reference W1/W3 model). */
export const vanilla: ModelFamily<typeof VANILLA_OPTIONS> = {
  name: 'vanilla',
  description: 'LSTM(units) -> [Dense(relu)...] -> output head; the classic single-layer LSTM classifier',
  options: VANILLA_OPTIONS,
  example: { family: 'vanilla', inputShape: [6, 4], units: 4, head: { task: 'multiclass', outputs: 3 } },
  validate(spec) {
    if (unitsOf(spec).length !== 1) throw new SpecError('units', `the vanilla family has one LSTM layer, got ${unitsOf(spec).length} sizes (use "stacked")`);
    checkInputOptions(spec);
  },
  build: (spec) => recurrentClassifier('lstm', 'vanilla', spec),
};
