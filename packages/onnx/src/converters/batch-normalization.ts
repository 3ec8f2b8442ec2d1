import { OnnxExportError } from '../errors.js';
import { inLayout } from '../value.js';
import type { LayerConverter } from './types.js';

/**
 * Keras' BatchNormalization at inference, on the last axis: (x - moving_mean) * gamma / sqrt(moving_variance +
 * epsilon) + beta, as Sub, Mul and Add with the scale folded (ONNX's BatchNormalization normalises axis 1, which is
 * not the features' axis of a [batch, time, features] tensor).
 */
export const batchNormalization: LayerConverter = {
  classNames: ['BatchNormalization'],
  mask: 'passes',
  lastAxisOnly: true,
  convert(input, { graph, layer, weights }) {
    const { name, axis, epsilon } = layer.config;
    const rank = input.shape.length;
    const axes = Array.isArray(axis) ? axis : [axis ?? -1];
    if (axes.length !== 1 || (axes[0] !== -1 && axes[0] !== rank - 1)) throw new OnnxExportError(name, `it normalises axis ${JSON.stringify(axis)}; the exporter handles the last axis (Keras' default)`);
    const x = input.layout === 'channels-first' ? inLayout(graph, input, 'keras') : input;
    const n = x.shape.at(-1) as number;
    const mean = weights.get('moving_mean', [n]).data;
    const variance = weights.get('moving_variance', [n]).data;
    const gamma = layer.config.scale === false ? undefined : weights.get('gamma', [n]).data;
    const beta = layer.config.center === false ? undefined : weights.get('beta', [n]).data;
    const scale = Float32Array.from(variance, (v, i) => (gamma ? gamma[i]! : 1) / Math.sqrt(v + (epsilon ?? 1e-3)));
    let y = graph.op('Sub', [x.name, graph.tensor(`${name}/moving_mean`, [n], mean)], {}, `${name}/centered`);
    y = graph.op('Mul', [y, graph.tensor(`${name}/scale`, [n], scale)], {}, `${name}/scaled`);
    if (beta) y = graph.op('Add', [y, graph.tensor(`${name}/beta`, [n], beta)], {}, `${name}/shifted`);
    return { ...x, name: y };
  },
};
