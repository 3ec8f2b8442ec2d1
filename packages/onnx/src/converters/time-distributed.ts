import { OnnxExportError } from '../errors.js';
import { inLayout } from '../value.js';
import type { LayerConverter } from './types.js';

/**
 * Keras' TimeDistributed(layer): the layer on every step. A layer that acts on the last axis only (Dense…) is
 * applied to the whole sequence as is; any other (Conv2D, pooling, Flatten…) sees the steps as a batch of
 * batch x time samples, reshaped back after.
 */
export const timeDistributed: LayerConverter = {
  classNames: ['TimeDistributed'],
  convert(x, { graph, layer, weights, convertInner, converterOf }) {
    const name = layer.config.name;
    const inner = layer.config.layer as { class_name: string; config: Record<string, any> & { name: string } };
    const steps = x.shape[1];
    if (x.shape.length < 3 || typeof steps !== 'number') throw new OnnxExportError(name, `expected a [batch, steps, ...] input with a fixed number of steps, got [${x.shape.map((d) => d ?? 'batch')}]`);
    // Errors and tensor names speak of the TimeDistributed layer (its weights carry its name too).
    const named = { ...inner, config: { ...inner.config, name } };
    if (converterOf(inner.class_name, name).lastAxisOnly) return convertInner(named, x, weights);
    const v = inLayout(graph, x, 'keras');
    const rest = x.shape.slice(2) as number[];
    const merged = graph.op('Reshape', [v.name, graph.int64s([-1, ...rest])], {}, `${name}/merge_steps`);
    const y = inLayout(graph, convertInner(named, { name: merged, shape: [null, ...rest], layout: 'keras', type: x.type }, weights), 'keras');
    const out = y.shape.slice(1) as number[];
    return { name: graph.op('Reshape', [y.name, graph.int64s([-1, steps, ...out])], {}, `${name}/split_steps`), shape: [null, steps, ...out], layout: 'keras', type: 'float' };
  },
};
