import { Type } from '@lstmkit/plugin';
import type { ModelFamily } from '../family.js';
import { checkInputOptions, DENSE_OPTIONS, INPUT_OPTIONS, mergeModeOption, STACK_OPTIONS } from '../family-options.js';
import { addHead, addInputFront, addRecurrentStack, namer } from '../layers.js';
import { tf } from '../tf.js';

/** The bidirectional family's own options (a spec's `options`), as a schema. */
export const BIDIRECTIONAL_OPTIONS = Type.Object({ mergeMode: mergeModeOption, ...INPUT_OPTIONS, ...STACK_OPTIONS, ...DENSE_OPTIONS });

/** Each LSTM layer reads the sequence both ways; the two outputs merge by concat (default), sum, mul or ave. */
export const bidirectional: ModelFamily<typeof BIDIRECTIONAL_OPTIONS> = {
  name: 'bidirectional',
  description: 'Bidirectional(LSTM(units), merge concat|sum|mul|ave) [stacked] -> head; twice the LSTM params',
  options: BIDIRECTIONAL_OPTIONS,
  example: { family: 'bidirectional', inputShape: [6, 4], units: 4, head: { task: 'multiclass', outputs: 3 } },
  validate: checkInputOptions,
  build(spec) {
    const model = tf.sequential({ name: 'bidirectional' });
    const name = namer();
    const inputShape = addInputFront(model, spec, name);
    addRecurrentStack(model, 'lstm', spec, name, inputShape, {
      wrap: (layer, first) =>
        tf.layers.bidirectional({
          name: name('bidirectional'),
          layer: layer as unknown as Parameters<typeof tf.layers.bidirectional>[0]['layer'],
          mergeMode: spec.options.mergeMode,
          ...(first && inputShape ? { inputShape } : {}),
        }) as unknown as typeof layer,
    });
    addHead(model, spec, name);
    return model;
  },
};
