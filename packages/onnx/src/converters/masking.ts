import { inLayout } from '../value.js';
import type { LayerConverter } from './types.js';

/**
 * Keras' Masking: a step is padding when all its features equal mask_value. Its output is the input with padded
 * steps zeroed (as Keras), and the mask [time, batch, 1] that the recurrent converters read.
 */
export const masking: LayerConverter = {
  classNames: ['Masking'],
  convert(input, { graph, layer }) {
    const name = layer.config.name;
    const x = input.layout === 'channels-first' ? inLayout(graph, input, 'keras') : input;
    const value = graph.floats(Number(layer.config.mask_value ?? 0));
    const differs = graph.op('Cast', [graph.op('Not', [graph.op('Equal', [x.name, value], {}, `${name}/equal`)], {}, `${name}/differs`)], { to: 1 }, `${name}/differs_f`);
    // 1 where any feature differs from mask_value: [batch, time, 1] in Keras' layout.
    const keep = graph.op('ReduceMax', [differs], { axes: [-1], keepdims: 1 }, `${name}/keep`);
    const y = graph.op('Mul', [x.name, keep], {}, `${name}/masked`);
    const perm = x.layout === 'time-major' ? undefined : [1, 0, 2];
    const keepT = perm ? graph.op('Transpose', [keep], { perm }, `${name}/keep_t`) : keep;
    const mask = graph.op('Cast', [keepT], { to: 9 }, `${name}/mask`);
    return { ...x, name: y, mask };
  },
};
