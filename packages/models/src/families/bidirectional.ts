import { addHead, addInputFront, addRecurrentStack, namer } from '../layers.js';
import type { ModelFamily } from '../registry.js';
import { tf } from '../tf.js';

/** Each LSTM layer reads the sequence both ways; the two outputs merge by concat (default), sum, mul or ave. */
export const bidirectional: ModelFamily = {
  name: 'bidirectional',
  description: 'Bidirectional(LSTM(units), merge concat|sum|mul|ave) [stacked] -> head; twice the LSTM params',
  build(spec) {
    const model = tf.sequential({ name: 'bidirectional' });
    const name = namer();
    const inputShape = addInputFront(model, spec, name);
    addRecurrentStack(model, 'lstm', spec, name, inputShape, {
      wrap: (layer, first) =>
        tf.layers.bidirectional({
          name: name('bidirectional'),
          layer: layer as unknown as Parameters<typeof tf.layers.bidirectional>[0]['layer'],
          mergeMode: spec.mergeMode ?? 'concat',
          ...(first && inputShape ? { inputShape } : {}),
        }) as unknown as typeof layer,
    });
    addHead(model, spec, name);
    return model;
  },
};
