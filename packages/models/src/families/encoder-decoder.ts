import { addInputFront, initializers, namer, recurrentLayer, unitsOf } from '../layers.js';
import { HEADS } from '../head.js';
import type { ModelFamily } from '../registry.js';
import { SpecError } from '../spec.js';
import { tf } from '../tf.js';

/**
 * Sequence to sequence: an encoder LSTM reads the input into one vector, RepeatVector hands it to every output
 * step, a decoder LSTM unrolls it, and a TimeDistributed Dense head predicts each step. Output [outputSteps, outputs].
 * units = [encoder, decoder] (one number = both).
 */
export const encoderDecoder: ModelFamily = {
  name: 'encoder-decoder',
  description: 'LSTM encoder -> RepeatVector(outputSteps) -> LSTM decoder (sequences) -> TimeDistributed(Dense); seq2seq',
  build(spec) {
    if (!spec.outputSteps) throw new SpecError('outputSteps', 'the encoder-decoder family needs the number of output timesteps');
    const units = unitsOf(spec);
    if (units.length > 2) throw new SpecError('units', `expected [encoder, decoder] units, got ${units.length} sizes`);
    const model = tf.sequential({ name: 'encoder-decoder' });
    const name = namer();
    const inputShape = addInputFront(model, spec, name);
    model.add(recurrentLayer('lstm', spec, 0, false, name('lstm'), inputShape));
    model.add(tf.layers.repeatVector({ name: name('repeat_vector'), n: spec.outputSteps }));
    const decoderSpec = { ...spec, units: [units.at(-1)!], layers: [spec.layers?.[units.length - 1] ?? {}] };
    model.add(recurrentLayer('lstm', decoderSpec, 0, true, name('lstm')));
    model.add(
      tf.layers.timeDistributed({
        name: name('time_distributed'),
        layer: tf.layers.dense({ units: spec.head.outputs, activation: HEADS[spec.head.task].activation, kernelInitializer: initializers(spec.seed, 199).kernelInitializer }),
      }),
    );
    return model;
  },
};
