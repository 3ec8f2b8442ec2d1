import type { SequenceDataset } from '@lstmkit/datasets';
import { checkInputs, makeInputs } from './batches.js';
import { TrainingOptionError } from './errors.js';
import { sequencesFor, type SequenceArrays } from './evaluate.js';
import { installFusedKernels } from './kernels/fused-kernels.js';
import { tf, type LayersModel } from './tf.js';

/** What {@link recurrentTrace} traces. */
export interface TraceOptions {
  /** Name of the recurrent layer (LSTM, GRU, SimpleRNN or a Bidirectional wrapper); default: the last one. */
  readonly layer?: string;
  /** With a dataset as input: which sample (default 0). */
  readonly sample?: number;
}

/** One sample's path through a recurrent model, step by step (what LSTMVis shows). */
export interface RecurrentTrace {
  /** The traced layer's name. */
  readonly layer: string;
  /** Timesteps the layer runs (the input's, or fewer after a pooling front such as cnn-lstm's). */
  readonly steps: number;
  /** Values per step: the layer's units (twice them for a Bidirectional layer that concatenates). */
  readonly units: number;
  /**
   * Hidden state of every unit after every step, row-major [steps, units]. A Bidirectional layer gives
   * [forward units, backward units] per step; the backward half at step t has read steps t..end.
   */
  readonly hidden: Float32Array;
  /**
   * The model's output after each step, row-major [steps, outputs] (class probabilities for a classifier): the
   * model's head run on the state after step t, which for a one-way model is exactly its output for the input cut
   * after step t (so the last row is `predict`'s output). After a Bidirectional layer, row t is the head on the
   * forward state after steps 0..t joined to the backward state after steps end..t, both directions meeting at t,
   * which is not `predict`'s output for any cut of the input (that would take one backward run per step).
   * Absent when the model does not end in a per-step head (see `note`).
   */
  readonly predictions?: Float32Array;
  /** Values per step in `predictions` (classes, or 1 for a binary or single-value model). */
  readonly outputs?: number;
  /** Why `predictions` is absent. */
  readonly note?: string;
}

const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN', 'Bidirectional']);
/** Layers that act on each step alone, so they can follow a recurrent layer that returns the whole sequence. */
const PER_STEP = new Set(['Dense', 'Dropout', 'BatchNormalization', 'LayerNormalization', 'Activation', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

/**
 * For one sample: the hidden state of every unit of a recurrent layer at every timestep, and the model's
 * prediction after each timestep. Works for LSTM, GRU and SimpleRNN layers, stacked or Bidirectional, in models
 * that are a chain of layers (every lstmkit family).
 *
 * How: a twin of the model is built with the traced layer, and the last recurrent layer, returning their whole
 * sequence, and the layers after it (Dense, Dropout, BatchNormalization…) applied to every step, all with the
 * model's weights. One forward pass then gives both: the model's own head run on each step's state (rather than
 * one run per cut of the input, T times the work). For a one-way model the state after step t depends only on
 * steps 0..t, so the two are the same: row t of `predictions` is the prediction for the input cut after step t,
 * and the last row is `predict`'s output. No tensors are left behind and the model itself is not changed.
 */
export async function recurrentTrace(model: LayersModel, input: SequenceArrays | SequenceDataset, options: TraceOptions = {}): Promise<RecurrentTrace> {
  const ds = 'shape' in input && 'x' in input ? input : sequencesFor(model, input);
  const sample = options.sample ?? 0;
  if (!Number.isInteger(sample) || sample < 0 || sample >= ds.shape[0]) throw new TrainingOptionError('sample', `${sample} is not a sample index 0..${ds.shape[0] - 1}`);
  checkInputs(model, ds, 'input');
  const layers = chainOf(model);
  const recurrent = layers.flatMap((l, i) => (RECURRENT.has(l.getClassName()) ? [i] : []));
  if (recurrent.length === 0) throw new TrainingOptionError('layer', `the model has no recurrent layer (LSTM, GRU, SimpleRNN, Bidirectional); its layers are ${names(layers)}`);
  const traced = options.layer === undefined ? recurrent.at(-1)! : layers.findIndex((l) => l.name === options.layer);
  if (traced < 0) throw new TrainingOptionError('layer', `"${options.layer}" is not in the model; its layers are ${names(layers)}`);
  if (!recurrent.includes(traced)) throw new TrainingOptionError('layer', `"${options.layer}" is a ${layers[traced]!.getClassName()}, not a recurrent layer; the recurrent ones are ${names(recurrent.map((i) => layers[i]!))}`);
  const last = recurrent.at(-1)!;
  const head = layers.slice(last + 1);
  const stepHead = head.find((l) => !PER_STEP.has(l.getClassName()));
  const note = stepHead ? `no per-step predictions: "${stepHead.name}" (${stepHead.getClassName()}) after the last recurrent layer does not act on each step alone` : undefined;
  const end = note ? traced : layers.length - 1;

  await installFusedKernels();
  const twins: tf.layers.Layer[] = [];
  try {
    const start = tf.input({ batchShape: model.inputs[0]!.shape, dtype: model.inputs[0]!.dtype });
    let x: tf.SymbolicTensor = start;
    let hidden: tf.SymbolicTensor | undefined;
    for (let i = 0; i <= end; i++) {
      const sequence = i === traced || (!note && i === last);
      const twin = twinOf(layers[i]!, sequence);
      twins.push(twin);
      x = twin.apply(x) as tf.SymbolicTensor;
      if (i === traced) hidden = x;
    }
    twins.forEach((twin, i) => twin.setWeights(layers[i]!.getWeights()));
    const traceModel = tf.model({ inputs: start, outputs: note ? [hidden!] : [hidden!, x] });
    const results = tf.tidy(() => {
      const out = traceModel.predict(makeInputs(ds, sample, sample + 1, model));
      return Array.isArray(out) ? out : [out];
    });
    const [h, p] = await Promise.all(results.map((t) => t.data<'float32'>()));
    tf.dispose(results);
    const [, steps, units] = results[0]!.shape as number[];
    const trace = { layer: layers[traced]!.name, steps: steps!, units: units!, hidden: h! };
    if (note) return { ...trace, note };
    return { ...trace, predictions: p!, outputs: p!.length / steps! };
  } finally {
    for (const twin of twins) twin.dispose();
  }
}

/** The model's layers in order, checked to form a single chain (each layer reads the one before it). */
function chainOf(model: LayersModel): tf.layers.Layer[] {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  layers.forEach((layer, i) => {
    const nodes = layer.inboundNodes;
    const from = nodes.length === 1 && nodes[0]!.inboundLayers.length === 1 ? nodes[0]!.inboundLayers[0] : undefined;
    const expected = i === 0 ? undefined : layers[i - 1];
    if (nodes.length !== 1 || (expected ? from !== expected : from !== undefined && from.getClassName() !== 'InputLayer')) {
      throw new TrainingOptionError('model', `tracing needs a chain of layers, each reading the one before; "${layer.name}" does not`);
    }
  });
  return layers;
}

/** A new layer of the same class and configuration (weights are set once it is built), returning sequences if asked. */
function twinOf(layer: tf.layers.Layer, sequence: boolean): tf.layers.Layer {
  const config = { ...layer.getConfig(), name: `${layer.name}_trace` } as tf.serialization.ConfigDict;
  delete config.batchInputShape;
  delete config.inputShape;
  if (sequence && config.returnSequences === false) config.returnSequences = true;
  const inner = config.layer as { className: string; config: tf.serialization.ConfigDict } | undefined;
  if (sequence && inner) config.layer = { ...inner, config: { ...inner.config, returnSequences: true } };
  // tfjs' registry of layer classes by name (the one its model loader uses), so lstmkit's fused layers come back fused.
  const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()]!;
  return fromConfig(cls, config) as unknown as tf.layers.Layer;
}

const names = (layers: tf.layers.Layer[]): string => layers.map((l) => l.name).join(', ');
