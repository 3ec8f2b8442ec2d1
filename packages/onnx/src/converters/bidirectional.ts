import { OnnxExportError } from '../errors.js';
import { recurrentCell } from './cells.js';
import { recurrentLayer, type MergeMode } from './recurrent.js';
import type { LayerConverter } from './types.js';

const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave'];

/**
 * Keras' Bidirectional(LSTM|GRU|SimpleRNN) as one ONNX operator with direction="bidirectional": the forward and
 * backward weights stacked, the two outputs merged as Keras does (concat, sum, mul, ave).
 */
export const bidirectional: LayerConverter = {
  classNames: ['Bidirectional'],
  mask: 'uses',
  convert(x, { graph, layer, weights }) {
    const name = layer.config.name;
    const mode = layer.config.merge_mode as MergeMode | null;
    if (!MERGE_MODES.includes(mode as MergeMode)) throw new OnnxExportError(name, `merge_mode ${JSON.stringify(mode)} (expected one of ${MERGE_MODES.join(', ')}; without a merge the layer has two outputs)`);
    const inner = layer.config.layer as { class_name: string; config: Record<string, any> & { name: string } };
    if (inner.config.go_backwards) throw new OnnxExportError(name, 'its wrapped layer has go_backwards=true (the "forward" direction would read backwards)');
    const features = x.shape.at(-1);
    if (x.shape.length !== 3 || typeof features !== 'number') throw new OnnxExportError(name, `expected a [batch, timesteps, features] input, got [${x.shape.map((d) => d ?? 'batch')}]`);
    const named = { ...inner, config: { ...inner.config, name } }; // errors name the Bidirectional layer
    const forward = recurrentCell(named, weights.inner('forward_'), features);
    const backward = { ...recurrentCell(named, weights.inner('backward_'), features), goBackwards: true };
    return recurrentLayer(graph, x, [forward, backward], name, mode!);
  },
};
