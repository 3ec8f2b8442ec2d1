import { OnnxExportError } from '../errors.js';
import type { LayerConverter } from './types.js';

/**
 * Keras' Embedding as Gather of rows of its matrix by the token ids (the graph input is then int64 ids,
 * [batch, timesteps]). With mask_zero, id 0 marks a padded step: the mask the recurrent layers read.
 */
export const embedding: LayerConverter = {
  classNames: ['Embedding'],
  convert(x, { graph, layer, weights }) {
    const { name, input_dim: vocabulary, output_dim: dim, mask_zero: maskZero } = layer.config;
    if (x.type !== 'int64') throw new OnnxExportError(name, 'an Embedding must be the first layer (it reads the token ids the model is given)');
    const table = weights.get('embeddings', [vocabulary, dim]);
    const y = graph.op('Gather', [graph.tensor(`${name}/embeddings`, table.shape, table.data), x.name], { axis: 0 }, `${name}/gather`);
    let mask: string | undefined;
    if (maskZero) {
      const real = graph.op('Not', [graph.op('Equal', [x.name, graph.tensor(`${name}/pad_id`, [], new BigInt64Array([0n]), 'int64')], {}, `${name}/is_pad`)], {}, `${name}/is_token`);
      // [batch, time] -> [time, batch, 1], as the recurrent converters read it.
      mask = graph.op('Unsqueeze', [graph.op('Transpose', [real], { perm: [1, 0] }, `${name}/mask_t`), graph.int64s([2])], {}, `${name}/mask`);
    }
    return { name: y, shape: [...x.shape, dim], layout: 'keras', type: 'float', mask };
  },
};
