import { applyActivation } from '../activations.js';
import { OnnxExportError } from '../errors.js';
import { inLayout } from '../value.js';
import { padding, perAxis, spatialSizes } from './spatial.js';
import type { LayerConverter } from './types.js';

/** Keras' kernel [...window, in, out] as ONNX's [out, in, ...window]. */
function toOnnxKernel(kernel: Float32Array, window: readonly number[], inputs: number, outputs: number): Float32Array {
  const cells = window.reduce((a, b) => a * b, 1);
  const out = new Float32Array(kernel.length);
  for (let w = 0; w < cells; w++) for (let c = 0; c < inputs; c++) for (let f = 0; f < outputs; f++) out[(f * inputs + c) * cells + w] = kernel[(w * inputs + c) * outputs + f]!;
  return out;
}

/** Keras' Conv1D and Conv2D (channels last) as ONNX's Conv (channels first), with the activation. */
export const conv: LayerConverter = {
  classNames: ['Conv1D', 'Conv2D'],
  convert(x, { graph, layer, weights }) {
    const c = layer.config;
    const rank = layer.class_name === 'Conv1D' ? 1 : 2;
    if (c.data_format === 'channels_first') throw new OnnxExportError(c.name, 'data_format channels_first is not supported');
    if ((c.groups ?? 1) !== 1) throw new OnnxExportError(c.name, 'grouped convolutions are not supported');
    const sizes = spatialSizes(c.name, x.shape, rank);
    const inputs = x.shape.at(-1) as number;
    const window = perAxis(c.kernel_size, rank, 1);
    const strides = perAxis(c.strides, rank, 1);
    const dilations = perAxis(c.dilation_rate, rank, 1);
    const pad = padding(c.name, c.padding ?? 'valid', sizes, window, strides, dilations);
    const kernel = weights.get('kernel', [...window, inputs, c.filters]);
    const w = graph.tensor(`${c.name}/kernel`, [c.filters, inputs, ...window], toOnnxKernel(kernel.data, window, inputs, c.filters));
    const b = c.use_bias === false ? [] : [graph.tensor(`${c.name}/bias`, [c.filters], weights.get('bias', [c.filters]).data)];
    const v = inLayout(graph, x, 'channels-first', `${c.name}/channels_first`);
    const y = graph.op('Conv', [v.name, w, ...b], { kernel_shape: window, strides, dilations, ...pad.attrs }, `${c.name}/conv`);
    return applyActivation(graph, { name: y, shape: [null, ...pad.out, c.filters], layout: 'channels-first', type: 'float' }, c.activation, c.name);
  },
};
