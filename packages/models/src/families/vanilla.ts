import { addHead, lstmLayer } from '../layers.js';
import type { ModelFamily } from '../registry.js';
import { SpecError } from '../spec.js';
import { tf } from '../tf.js';

/** One LSTM layer reading the whole sequence, its last output feeding the head (the reference W1/W3 model). */
export const vanilla: ModelFamily = {
  name: 'vanilla',
  description: 'LSTM(units) -> [Dense(relu)...] -> output head; the classic single-layer LSTM classifier',
  build(spec) {
    if (typeof spec.units !== 'number' && spec.units.length !== 1) {
      throw new SpecError('units', `the vanilla family has one LSTM layer, got ${spec.units.length} sizes (use "stacked")`);
    }
    const units = typeof spec.units === 'number' ? spec.units : spec.units[0]!;
    const model = tf.sequential({ name: 'vanilla' });
    model.add(lstmLayer(spec, units, 0, false, spec.inputShape));
    addHead(model, spec);
    return model;
  },
};
