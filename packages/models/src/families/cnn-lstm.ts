import { addHead, addRecurrentStack, initializers, namer } from '../layers.js';
import type { ModelFamily } from '../registry.js';
import { SpecError } from '../spec.js';
import { tf } from '../tf.js';

/**
 * A convolutional front that finds local patterns, then LSTMs over what it found. With `conv.frame = [h, w]` each
 * timestep is an image of h x w (features = h * w) and the conv runs on every frame (TimeDistributed Conv2D);
 * otherwise a Conv1D runs along the timesteps.
 */
export const cnnLstm: ModelFamily = {
  name: 'cnn-lstm',
  description: 'Conv1D over timesteps (or TimeDistributed Conv2D over image frames) -> MaxPooling -> LSTM(units...) -> head',
  build(spec) {
    const conv = spec.conv;
    if (!conv) throw new SpecError('conv', 'the cnn-lstm family needs conv: { filters, kernelSize, poolSize? }');
    const model = tf.sequential({ name: 'cnn-lstm' });
    const name = namer();
    const pool = conv.poolSize ?? 2;
    const [t, f] = spec.inputShape;
    const kernel = { kernelInitializer: initializers(spec.seed, 50).kernelInitializer };
    const frame = conv.frame;
    if (frame) {
      if (frame[0] * frame[1] !== f) throw new SpecError('conv.frame', `${frame[0]} x ${frame[1]} = ${frame[0] * frame[1]} pixels, but each timestep has ${f} features`);
      model.add(tf.layers.reshape({ name: name('reshape'), targetShape: [t, frame[0], frame[1], 1], inputShape: [t, f] }));
      model.add(tf.layers.timeDistributed({ name: name('time_distributed'), layer: tf.layers.conv2d({ filters: conv.filters, kernelSize: conv.kernelSize, activation: 'relu', ...kernel }) }));
      model.add(tf.layers.timeDistributed({ name: name('time_distributed'), layer: tf.layers.maxPooling2d({ poolSize: pool }) }));
      model.add(tf.layers.timeDistributed({ name: name('time_distributed'), layer: tf.layers.flatten() }));
    } else {
      if (conv.kernelSize > t) throw new SpecError('conv.kernelSize', `${conv.kernelSize} is longer than the ${t} timesteps`);
      model.add(tf.layers.conv1d({ name: name('conv1d'), filters: conv.filters, kernelSize: conv.kernelSize, activation: 'relu', inputShape: [t, f], ...kernel }));
      model.add(tf.layers.maxPooling1d({ name: name('max_pooling1d'), poolSize: pool }));
    }
    addRecurrentStack(model, 'lstm', spec, name, undefined);
    addHead(model, spec, name);
    return model;
  },
};
