import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { DENSE_OPTIONS, STACK_OPTIONS } from '../family-options.js';
import { addHead, addRecurrentStack, initializers, namer } from '../layers.js';
import { SpecError } from '../spec.js';
import { tf } from '../tf.js';

/** The cnn-lstm family's own options (a spec's `options`), as a schema. */
export const CNN_LSTM_OPTIONS = Type.Object({
  filters: Type.Integer({ minimum: 1, description: 'convolution filters', group: 'convolution' }),
  kernelSize: Type.Integer({ minimum: 1, description: 'convolution kernel size (timesteps, or pixels of a frame)', group: 'convolution' }),
  poolSize: Type.Integer({ minimum: 1, default: 2, description: 'max-pooling size after the convolution', group: 'convolution' }),
  frame: Type.Optional(
    Type.Tuple([Type.Integer({ minimum: 1 }), Type.Integer({ minimum: 1 })], { description: 'read each timestep as an image of height x width (e.g. 8x8) and run a Conv2D on every frame', group: 'convolution' }),
  ),
  ...STACK_OPTIONS,
  ...DENSE_OPTIONS,
});

/**
 * A convolutional front that finds local patterns, then LSTMs over what it found. With `frame = [h, w]` each
 * timestep is an image of h x w (features = h * w) and the conv runs on every frame (TimeDistributed Conv2D);
 * otherwise a Conv1D runs along the timesteps.
 */
export const cnnLstm: ModelFamily<typeof CNN_LSTM_OPTIONS> = {
  name: 'cnn-lstm',
  description: 'Conv1D over timesteps (or TimeDistributed Conv2D over image frames) -> MaxPooling -> LSTM(units...) -> head',
  options: CNN_LSTM_OPTIONS,
  example: { family: 'cnn-lstm', inputShape: [6, 4], units: 4, head: { task: 'multiclass', outputs: 3 }, options: { filters: 2, kernelSize: 3 } },
  validate(spec) {
    const { frame, kernelSize } = spec.options;
    const [t, f] = spec.inputShape;
    if (frame && frame[0] * frame[1] !== f) throw new SpecError('options.frame', `${frame[0]} x ${frame[1]} = ${frame[0] * frame[1]} pixels, but each timestep has ${f} features`);
    if (!frame && kernelSize > t) throw new SpecError('options.kernelSize', `${kernelSize} is longer than the ${t} timesteps`);
  },
  build(spec) {
    const { filters, kernelSize, poolSize, frame } = spec.options;
    const model = tf.sequential({ name: 'cnn-lstm' });
    const name = namer();
    const [t, f] = spec.inputShape;
    const kernel = { kernelInitializer: initializers(spec.seed, 50).kernelInitializer };
    if (frame) {
      model.add(tf.layers.reshape({ name: name('reshape'), targetShape: [t, frame[0], frame[1], 1], inputShape: [t, f] }));
      model.add(tf.layers.timeDistributed({ name: name('time_distributed'), layer: tf.layers.conv2d({ filters, kernelSize, activation: 'relu', ...kernel }) }));
      model.add(tf.layers.timeDistributed({ name: name('time_distributed'), layer: tf.layers.maxPooling2d({ poolSize }) }));
      model.add(tf.layers.timeDistributed({ name: name('time_distributed'), layer: tf.layers.flatten() }));
    } else {
      model.add(tf.layers.conv1d({ name: name('conv1d'), filters, kernelSize, activation: 'relu', inputShape: [t, f], ...kernel }));
      model.add(tf.layers.maxPooling1d({ name: name('max_pooling1d'), poolSize }));
    }
    addRecurrentStack(model, 'lstm', spec, name, undefined);
    addHead(model, spec, name);
    return model;
  },
};
