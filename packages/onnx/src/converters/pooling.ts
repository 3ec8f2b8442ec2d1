import { OnnxExportError } from '../errors.js';
import { inLayout } from '../value.js';
import { padding, perAxis, spatialSizes } from './spatial.js';
import type { LayerConverter } from './types.js';

const OPS: Record<string, { op: 'MaxPool' | 'AveragePool'; rank: number }> = {
  MaxPooling1D: { op: 'MaxPool', rank: 1 },
  MaxPooling2D: { op: 'MaxPool', rank: 2 },
  AveragePooling1D: { op: 'AveragePool', rank: 1 },
  AveragePooling2D: { op: 'AveragePool', rank: 2 },
};

/** Keras' max and average pooling (channels last) as ONNX's MaxPool/AveragePool (channels first). */
export const pooling: LayerConverter = {
  classNames: Object.keys(OPS),
  convert(x, { graph, layer }) {
    const c = layer.config;
    const { op, rank } = OPS[layer.class_name]!;
    if (c.data_format === 'channels_first') throw new OnnxExportError(c.name, 'data_format channels_first is not supported');
    const sizes = spatialSizes(c.name, x.shape, rank);
    const window = perAxis(c.pool_size, rank, 2);
    const strides = perAxis(c.strides ?? c.pool_size, rank, 2);
    const pad = padding(c.name, c.padding ?? 'valid', sizes, window, strides, new Array(rank).fill(1));
    const v = inLayout(graph, x, 'channels-first', `${c.name}/channels_first`);
    // TensorFlow's average over a padded window counts only the real cells: ONNX's count_include_pad=0 (default).
    const y = graph.op(op, [v.name], { kernel_shape: window, strides, ...pad.attrs }, `${c.name}/pool`);
    return { name: y, shape: [null, ...pad.out, x.shape.at(-1)!], layout: 'channels-first', type: 'float' };
  },
};

/** Keras' global pooling over the steps (or pixels): the mean or the max of each channel. */
export const globalPooling: LayerConverter = {
  classNames: ['GlobalAveragePooling1D', 'GlobalMaxPooling1D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D'],
  convert(x, { graph, layer }) {
    const v = inLayout(graph, x, 'keras');
    const axes = Array.from({ length: x.shape.length - 2 }, (_, i) => i + 1);
    const op = layer.class_name.startsWith('GlobalMax') ? 'ReduceMax' : 'ReduceMean';
    return { name: graph.op(op, [v.name], { axes, keepdims: 0 }, `${layer.config.name}/pool`), shape: [null, x.shape.at(-1)!], layout: 'keras', type: 'float' };
  },
};
