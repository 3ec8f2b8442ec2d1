import { OnnxExportError } from '../errors.js';
import { inLayout } from '../value.js';
import type { LayerConverter } from './types.js';

const product = (dims: readonly (number | null)[]) => dims.reduce<number>((a, b) => a * (b ?? NaN), 1);

/** Keras' Reshape (of each sample) and Flatten: an ONNX Reshape in Keras' layout, the batch dimension kept. */
export const reshape: LayerConverter = {
  classNames: ['Reshape', 'Flatten'],
  convert(x, { graph, layer }) {
    const name = layer.config.name;
    const size = product(x.shape.slice(1));
    if (!Number.isFinite(size)) throw new OnnxExportError(name, `its input [${x.shape.map((d) => d ?? 'batch')}] has no fixed size per sample`);
    let target: number[] = layer.class_name === 'Flatten' ? [size] : [...layer.config.target_shape];
    const unknown = target.indexOf(-1);
    if (unknown >= 0) target[unknown] = size / -product(target);
    if (product(target) !== size) throw new OnnxExportError(name, `cannot reshape ${size} values per sample to [${layer.config.target_shape}]`);
    const v = inLayout(graph, x, 'keras');
    // 0 in ONNX's Reshape copies that dimension: the (dynamic) batch.
    return { name: graph.op('Reshape', [v.name, graph.int64s([0, ...target])], {}, `${name}/reshape`), shape: [null, ...target], layout: 'keras', type: x.type };
  },
};

/** Keras' RepeatVector(n): [batch, features] -> n copies, built time-major for the recurrent layer that follows. */
export const repeatVector: LayerConverter = {
  classNames: ['RepeatVector'],
  convert(x, { graph, layer }) {
    const { name, n } = layer.config;
    if (x.shape.length !== 2) throw new OnnxExportError(name, `expected a [batch, features] input, got [${x.shape.map((d) => d ?? 'batch')}]`);
    const y = graph.op('Expand', [graph.op('Unsqueeze', [x.name, graph.int64s([0])], {}, `${name}/unsqueeze`), graph.int64s([n, 1, 1])], {}, `${name}/repeat`);
    return { name: y, shape: [null, n, x.shape[1]!], layout: 'time-major', type: 'float' };
  },
};
