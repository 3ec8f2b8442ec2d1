import { gru } from './fused/gru-layer.js';
import { cellKind, type CellKind, type CellKindInput } from './cell-kind.js';
import { lstm } from './fused/lstm-layer.js';
import { simpleRNN } from './fused/simple-rnn-layer.js';
import { HEADS } from './head.js';
import { orthogonal } from './orthogonal.js';
import type { InputOptions, StackOptions } from './family-options.js';
import type { FamilySpec, ModelSpec, RecurrentLayerOptions } from './spec.js';
import { tf } from './tf.js';

export type Sequential = ReturnType<typeof tf.sequential>;
type Layer = ReturnType<typeof tf.layers.dense>;

/** The recurrent cells tfjs has. */
export type { CellKind, CellKindInput } from './cell-kind.js';

/** Keras' layer names: the first of a kind is "lstm", then "lstm_1", "lstm_2"… within one model. */
export function namer(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  };
}

/** A tfjs-layers weight initializer (its class is not exported by name). */
export type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** Seeded Keras-default initialisers: glorot-uniform kernel, orthogonal recurrent kernel, zero bias. */
export function initializers(seed: number | undefined, salt: number): { kernelInitializer: Initializer; recurrentInitializer: Initializer } {
  const s = seed === undefined ? undefined : seed * 1000 + salt;
  return {
    kernelInitializer: tf.initializers.glorotUniform({ seed: s }),
    recurrentInitializer: orthogonal(1, s === undefined ? undefined : s + 500),
  };
}

export const unitsOf = (spec: Pick<ModelSpec, 'units'>): number[] => (typeof spec.units === 'number' ? [spec.units] : [...spec.units]);

/** Options of recurrent layer `i`: the spec-wide values (Keras defaults if unset), then its own overrides. */
export function layerOptions(spec: Omit<ModelSpec, 'options'>, i: number): RecurrentLayerOptions {
  return {
    units: unitsOf(spec)[i]!,
    activation: spec.activation ?? 'tanh',
    recurrentActivation: spec.recurrentActivation ?? 'sigmoid',
    dropout: spec.dropout ?? 0,
    recurrentDropout: spec.recurrentDropout ?? 0,
    fused: spec.fused ?? 'auto',
    ...spec.layers?.[i],
  };
}

/** One recurrent layer with Keras' defaults (tanh, sigmoid gates, unit forget bias for LSTM). */
export function recurrentLayer(kind: CellKindInput, spec: Omit<ModelSpec, 'options'>, i: number, returnSequences: boolean, name: string, inputShape?: number[]) {
  const o = layerOptions(spec, i);
  const common = {
    name,
    units: o.units,
    activation: o.activation as 'tanh',
    dropout: o.dropout,
    recurrentDropout: o.recurrentDropout,
    returnSequences,
    fused: o.fused,
    ...(inputShape ? { inputShape } : {}),
    ...initializers(spec.seed, i),
  };
  const cell = cellKind(kind);
  if (cell === 'rnn') return simpleRNN(common);
  // tfjs' GRU has only reset_after=false (Keras' default is true): 3 * (u * (d + u) + u) parameters.
  if (cell === 'gru') return gru({ ...common, recurrentActivation: o.recurrentActivation as 'sigmoid', resetAfter: false } as Parameters<typeof tf.layers.gru>[0]);
  return lstm({ ...common, recurrentActivation: o.recurrentActivation as 'sigmoid', unitForgetBias: true });
}

const KERAS_NAME: Record<CellKind, string> = { lstm: 'lstm', gru: 'gru', rnn: 'simple_rnn' };

/**
 * The input front: an Embedding for token ids, or a Masking layer for padded steps, or nothing. Returns the input
 * shape the next layer must declare (undefined when a front layer already declared it).
 */
export function addInputFront(model: Sequential, spec: FamilySpec<InputOptions>, name: (b: string) => string): number[] | undefined {
  const [t] = spec.inputShape;
  const { embedding, masking } = spec.options;
  if (embedding) {
    model.add(
      tf.layers.embedding({
        name: name('embedding'),
        inputDim: embedding.vocabulary,
        outputDim: embedding.dim,
        maskZero: embedding.maskZero ?? false,
        inputShape: [t],
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: spec.seed }),
      }),
    );
    return undefined;
  }
  if (masking !== undefined && masking !== false) {
    model.add(tf.layers.masking({ name: name('masking'), maskValue: masking === true ? 0 : masking, inputShape: [...spec.inputShape] }));
    return undefined;
  }
  return [...spec.inputShape];
}

/**
 * The recurrent layers of `units`, each returning sequences except the last (unless `lastReturnsSequences`), with
 * BatchNormalization and Dropout between them as the spec asks. `wrap` lets a family wrap each layer (Bidirectional).
 */
export function addRecurrentStack(
  model: Sequential,
  kind: CellKindInput,
  spec: FamilySpec<StackOptions>,
  name: (b: string) => string,
  inputShape: number[] | undefined,
  options: { lastReturnsSequences?: boolean; wrap?: (layer: Layer, first: boolean) => Layer } = {},
): void {
  const units = unitsOf(spec);
  units.forEach((_, i) => {
    const returnSequences = i < units.length - 1 || Boolean(options.lastReturnsSequences);
    const first = i === 0 && inputShape !== undefined;
    const layer = recurrentLayer(kind, spec, i, returnSequences, name(KERAS_NAME[cellKind(kind)]), first && !options.wrap ? inputShape : undefined) as unknown as Layer;
    model.add(options.wrap ? options.wrap(layer, first) : layer);
    addBetweenLayers(model, spec, name);
  });
}

/** BatchNormalization (if asked) and Dropout (if asked) after a layer. */
export function addBetweenLayers(model: Sequential, spec: FamilySpec<StackOptions>, name: (b: string) => string): void {
  const { batchNorm, layerDropout } = spec.options;
  if (batchNorm) model.add(tf.layers.batchNormalization({ name: name('batch_normalization') }));
  if (layerDropout) model.add(tf.layers.dropout({ name: name('dropout'), rate: layerDropout, seed: spec.seed }));
}

/** The hidden dense layers (relu, each followed by Dropout if asked) and the output layer the task needs. */
export function addHead(model: Sequential, spec: FamilySpec<StackOptions>, name: (b: string) => string = namer()): void {
  const { dense = [], layerDropout } = spec.options;
  dense.forEach((units, i) => {
    model.add(tf.layers.dense({ name: name('dense'), units, activation: 'relu', kernelInitializer: initializers(spec.seed, 100 + i).kernelInitializer }));
    if (layerDropout) model.add(tf.layers.dropout({ name: name('dropout'), rate: layerDropout, seed: spec.seed }));
  });
  model.add(tf.layers.dense({ name: name('dense'), units: spec.head.outputs, activation: HEADS[spec.head.task].activation, kernelInitializer: initializers(spec.seed, 199).kernelInitializer }));
}

/** A family made of an input front, a stack of one cell kind, and the head. */
export function recurrentClassifier(kind: CellKindInput, family: string, spec: FamilySpec<InputOptions & StackOptions>): Sequential {
  const model = tf.sequential({ name: family });
  const name = namer();
  const inputShape = addInputFront(model, spec, name);
  addRecurrentStack(model, kind, spec, name, inputShape);
  addHead(model, spec, name);
  return model;
}
