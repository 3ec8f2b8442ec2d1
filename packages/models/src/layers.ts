import type { ModelSpec } from './spec.js';
import { HEADS } from './head.js';
import { orthogonal } from './orthogonal.js';
import { tf } from './tf.js';

type Sequential = ReturnType<typeof tf.sequential>;

/** Seeded Keras-default initialisers: glorot-uniform kernel, orthogonal recurrent kernel, zero bias. */
export function initializers(seed: number | undefined, salt: number) {
  const s = seed === undefined ? undefined : seed * 1000 + salt;
  return {
    kernelInitializer: tf.initializers.glorotUniform({ seed: s }),
    recurrentInitializer: orthogonal(1, s === undefined ? undefined : s + 500),
  };
}

/**
 * One LSTM layer with Keras' defaults (tanh, sigmoid gates, unit forget bias), named as Keras names it.
 */
export function lstmLayer(spec: ModelSpec, units: number, index: number, returnSequences: boolean, inputShape?: readonly [number, number]) {
  return tf.layers.lstm({
    name: index === 0 ? 'lstm' : `lstm_${index}`,
    units,
    activation: (spec.activation ?? 'tanh') as 'tanh',
    recurrentActivation: (spec.recurrentActivation ?? 'sigmoid') as 'sigmoid',
    unitForgetBias: true,
    dropout: spec.dropout ?? 0,
    recurrentDropout: spec.recurrentDropout ?? 0,
    returnSequences,
    ...(inputShape ? { inputShape: [...inputShape] } : {}),
    ...initializers(spec.seed, index),
  });
}

/** The hidden dense layers and the output layer the task asks for. */
export function addHead(model: Sequential, spec: ModelSpec): void {
  let i = 0;
  const name = () => (i++ === 0 ? 'dense' : `dense_${i - 1}`);
  for (const units of spec.dense ?? []) {
    model.add(tf.layers.dense({ name: name(), units, activation: 'relu', kernelInitializer: initializers(spec.seed, 100 + i).kernelInitializer }));
  }
  model.add(
    tf.layers.dense({ name: name(), units: spec.head.outputs, activation: HEADS[spec.head.task].activation, kernelInitializer: initializers(spec.seed, 100 + i).kernelInitializer }),
  );
}
