import { recurrentClassifier, unitsOf } from '../layers.js';
import type { ModelFamily } from '../registry.js';
import { SpecError } from '../spec.js';

/** One LSTM layer reading the whole sequence, its last output feeding the head (the reference W1/W3 model). */
export const vanilla: ModelFamily = {
  name: 'vanilla',
  description: 'LSTM(units) -> [Dense(relu)...] -> output head; the classic single-layer LSTM classifier',
  build(spec) {
    if (unitsOf(spec).length !== 1) throw new SpecError('units', `the vanilla family has one LSTM layer, got ${unitsOf(spec).length} sizes (use "stacked")`);
    return recurrentClassifier('lstm', 'vanilla', spec);
  },
};
