import { specForData, useBackend } from '@lstmkit/trainer';
import type { DatasetSplits } from '@lstmkit/datasets';
import type { LayersModel, ModelSpec } from '@lstmkit/models';
import type { SaveMetadata } from '@lstmkit/trainer';

/** What the worker holds between calls: the loaded data and the current model. */
export const state: {
  data?: DatasetSplits;
  model?: LayersModel;
  spec?: ModelSpec;
  /** The dataset's name and preparation, kept with a saved model. */
  dataset?: string;
  /** What is saved with the current model besides its spec (data record, seed, training settings, metrics). */
  record?: Omit<SaveMetadata, 'spec'>;
  /** Class names of the current model (from its data, or from a model that was opened). */
  classNames?: string[];
  /** The predicted class of each test sample, from the last held-out evaluation. */
  predicted?: Int32Array;
} = {};

/** The loaded data, or an error a person understands. */
export function needData(): DatasetSplits {
  if (!state.data) throw new Error('no data loaded yet: choose a dataset first');
  return state.data;
}

/**
 * The page's spec with what the loaded data decides filled in by the trainer, as `lstmkit train` does (input shape,
 * head, an Embedding's vocabulary): the form states none of these.
 */
export const specFor = (spec: ModelSpec): ModelSpec => (state.data ? specForData(spec, state.data.train) : spec);

/** The trained (or opened) model, or an error a person understands. */
export function needModel(): LayersModel {
  if (!state.model) throw new Error('no model yet: train one, or open a saved one');
  return state.model;
}

/** Replaces the current model, releasing the old one's tensors. */
export function setModel(model: LayersModel | undefined, spec?: ModelSpec): void {
  if (state.model && state.model !== model) state.model.dispose();
  state.model = model;
  state.spec = spec;
  state.predicted = undefined;
  state.record = undefined;
  state.classNames = undefined;
}

/** The first recurrent layer's name: the layer whose outputs the page explores and traces. */
export function recurrentLayerName(model: LayersModel): string {
  const layer = model.layers.find((l) => /LSTM|GRU|RNN|Bidirectional/i.test(l.getClassName()));
  if (!layer) throw new Error('this model has no recurrent layer');
  return layer.name;
}

let ready: Promise<unknown> | undefined;
/** The trainer's pick of backend, once, before the first call that runs tfjs (a chosen one replaces it later). */
export const backendReady = (): Promise<unknown> => (ready ??= useBackend('auto'));
