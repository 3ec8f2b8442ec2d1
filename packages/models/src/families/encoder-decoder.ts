import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, INPUT_OPTIONS } from '../family-options.js';
import { HEADS } from '../head.js';
import { addInputFront, initializers, namer, recurrentLayer, unitsOf } from '../layers.js';
import { SpecError } from '../spec.js';
import { tf } from '../tf.js';

/** The encoder-decoder family's own options (a spec's `options`), as a schema. */
export const ENCODER_DECODER_OPTIONS = Type.Object({
  outputSteps: Type.Integer({ minimum: 1, description: 'timesteps the decoder produces (default: the data\'s forecast horizon)', fromData: 'horizon', group: 'layers' }),
  ...INPUT_OPTIONS,
});

/**
 * Sequence to sequence: an encoder LSTM reads the input into one vector, RepeatVector hands it to every output
 * step, a decoder LSTM unrolls it, and a TimeDistributed Dense head predicts each step. Output [outputSteps, outputs].
 * units = [encoder, decoder] (one number = both).
 */
export const encoderDecoder: ModelFamily<typeof ENCODER_DECODER_OPTIONS> = {
  name: 'encoder-decoder',
  description: 'LSTM encoder -> RepeatVector(outputSteps) -> LSTM decoder (sequences) -> TimeDistributed(Dense); seq2seq',
  options: ENCODER_DECODER_OPTIONS,
  example: { family: 'encoder-decoder', inputShape: [6, 1], units: [4, 4], head: { task: 'regression', outputs: 1 }, options: { outputSteps: 2 } },
  validate(spec) {
    checkInputOptions(spec);
    if (unitsOf(spec).length > 2) throw new SpecError('units', `expected [encoder, decoder] units, got ${unitsOf(spec).length} sizes`);
  },
  build(spec) {
    const units = unitsOf(spec);
    const model = tf.sequential({ name: 'encoder-decoder' });
    const name = namer();
    const inputShape = addInputFront(model, spec, name);
    model.add(recurrentLayer('lstm', spec, 0, false, name('lstm'), inputShape));
    model.add(tf.layers.repeatVector({ name: name('repeat_vector'), n: spec.options.outputSteps }));
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
