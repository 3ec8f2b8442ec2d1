import type { SequenceDataset } from '@lstmkit/datasets';
import { forwardPass } from './evaluate.js';
import { TrainingOptionError } from './errors.js';
import { tf, type LayersModel } from './tf.js';

/** A dense row-major matrix, `rows` samples of `cols` values: the shape `@lstmkit/analysis` takes. */
export interface FeatureMatrix {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** How `layerFeatures` runs the model. */
export interface FeatureOptions {
  /** Samples per forward pass (bounds memory: 60,000 samples never become one tensor); default 512. */
  readonly batchSize?: number;
  /** Called after each batch with the samples done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The outputs of layer `layerName` for every sample (e.g. an LSTM's last hidden state, as in the reference
 * analysis), as a [samples, units] matrix for `@lstmkit/analysis`. The model is cut at that layer; a layer that
 * returns sequences gives [timesteps x units] per sample, flattened.
 */
export async function layerFeatures(model: LayersModel, ds: SequenceDataset, layerName: string, options: FeatureOptions = {}): Promise<FeatureMatrix> {
  let layer: tf.layers.Layer;
  try {
    layer = model.getLayer(layerName);
  } catch {
    throw new TrainingOptionError('layer', `"${layerName}" is not in the model; its layers are ${model.layers.map((l) => l.name).join(', ')}`);
  }
  const cut = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
  const { outputs, shape } = await forwardPass(cut, ds, { chunk: options.batchSize ?? 512, onProgress: options.onProgress });
  return { values: outputs, rows: shape[0], cols: shape[1] };
}
