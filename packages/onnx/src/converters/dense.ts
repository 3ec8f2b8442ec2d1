import { applyActivation } from '../activations.js';
import { OnnxExportError } from '../errors.js';
import { inLayout } from '../value.js';
import type { LayerConverter } from './types.js';

/** Keras' Dense on the last axis (MatMul + Add), whatever the axes before it, and its activation. */
export const dense: LayerConverter = {
  classNames: ['Dense'],
  mask: 'passes',
  lastAxisOnly: true,
  convert(x, { graph, layer, weights }) {
    const { name, units } = layer.config;
    const inputs = x.shape.at(-1);
    if (typeof inputs !== 'number') throw new OnnxExportError(name, 'its input has no fixed feature size');
    // A Dense after a conv reads the channels last, as Keras lays them out.
    const v = x.layout === 'channels-first' ? inLayout(graph, x, 'keras', `${name}/channels_last`) : x;
    const kernel = weights.get('kernel', [inputs, units]);
    let y = graph.op('MatMul', [v.name, graph.tensor(`${name}/kernel`, kernel.shape, kernel.data)], {}, `${name}/matmul`);
    if (layer.config.use_bias !== false) y = graph.op('Add', [y, graph.tensor(`${name}/bias`, [units], weights.get('bias', [units]).data)], {}, `${name}/add`);
    return applyActivation(graph, { ...v, name: y, shape: [...x.shape.slice(0, -1), units] }, layer.config.activation, name);
  },
};
