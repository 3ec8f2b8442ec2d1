// A model family without a recurrent layer: Conv1D -> global average pooling -> the head. One file, one call.
import { HEADS, registerModelFamily, tf } from '@lstmkit/models';
import { Type } from '@lstmkit/plugin';

const options = Type.Object({
  kernels: Type.Integer({ minimum: 1, default: 8, description: 'Conv1D filters' }),
  width: Type.Integer({ minimum: 1, default: 3, description: 'Conv1D kernel width in timesteps' }),
});

/** @type {import('@lstmkit/models').ModelFamily<typeof options>} */
export const toyConv = {
  name: 'toy-conv',
  description: 'Conv1D(kernels, width, relu) -> GlobalAveragePooling1D -> head (no recurrent layer)',
  options,
  example: { family: 'toy-conv', inputShape: [6, 2], units: 1, head: { task: 'binary', outputs: 1 }, options: { kernels: 2, width: 3 } },
  validate(spec) {
    if (spec.options.width > spec.inputShape[0]) throw new Error(`options.width: ${spec.options.width} is wider than the ${spec.inputShape[0]} timesteps`);
  },
  build(spec) {
    const model = tf.sequential({ name: 'toy-conv' });
    model.add(tf.layers.conv1d({ name: 'conv', inputShape: spec.inputShape, filters: spec.options.kernels, kernelSize: spec.options.width, activation: 'relu' }));
    model.add(tf.layers.globalAveragePooling1d({ name: 'pool' }));
    model.add(tf.layers.dense({ name: 'out', units: spec.head.outputs, activation: HEADS[spec.head.task].activation }));
    return model;
  },
};

registerModelFamily(toyConv);
