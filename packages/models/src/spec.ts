/** What the model's output predicts, which fixes the output activation and the loss. */
export type HeadTask = 'multiclass' | 'binary' | 'regression';

/** A JSON-serialisable description of a model; families read the fields they use. */
export interface ModelSpec {
  /** Registered family name, e.g. "vanilla". */
  readonly family: string;
  /** [timesteps, features] of one input sequence. */
  readonly inputShape: readonly [number, number];
  /** Recurrent units (one layer), or units per recurrent layer for families with several. */
  readonly units: number | readonly number[];
  /** Cell output activation; Keras default "tanh". */
  readonly activation?: string;
  /** Gate activation; Keras default "sigmoid" (tfjs' own default is "hardSigmoid", which we do not use). */
  readonly recurrentActivation?: string;
  /** Fraction of the inputs dropped in training (Keras `dropout`). */
  readonly dropout?: number;
  /** Fraction of the recurrent state dropped in training (Keras `recurrent_dropout`). */
  readonly recurrentDropout?: number;
  /** Per-recurrent-layer overrides of activation, recurrentActivation, dropout, recurrentDropout (by index). */
  readonly layers?: readonly Partial<RecurrentLayerOptions>[];
  /** A BatchNormalization layer after each recurrent layer (W2). */
  readonly batchNorm?: boolean;
  /** A Dropout layer of this rate after each recurrent and hidden dense layer (W4). */
  readonly layerDropout?: number;
  /** Hidden dense layers (relu) between the recurrent part and the output layer. */
  readonly dense?: readonly number[];
  /** Token input: an Embedding layer turns ids in [0, vocabulary) into vectors; inputShape is then [timesteps, 1]. */
  readonly embedding?: { readonly vocabulary: number; readonly dim: number; readonly maskZero?: boolean };
  /** Skip padded timesteps whose features all equal this value (a Keras Masking layer); true means 0. */
  readonly masking?: boolean | number;
  /** How the bidirectional family merges its two directions; default "concat" (as Keras). */
  readonly mergeMode?: 'concat' | 'sum' | 'mul' | 'ave';
  /** The cnn-lstm family's Conv1D front: filters, kernel size, and max-pooling size (default 2). */
  readonly conv?: { readonly filters: number; readonly kernelSize: number; readonly poolSize?: number; readonly frame?: readonly [number, number] };
  /** The encoder-decoder family: how many output timesteps the decoder produces. */
  readonly outputSteps?: number;
  readonly head: { readonly task: HeadTask; readonly outputs: number };
  /** Seed for the weight initialisers, so the same spec gives the same initial weights. */
  readonly seed?: number;
}

/** Options of one recurrent layer. */
export interface RecurrentLayerOptions {
  readonly units: number;
  readonly activation: string;
  readonly recurrentActivation: string;
  readonly dropout: number;
  readonly recurrentDropout: number;
}

/** A spec field that is missing or out of range; the message names the field and what was expected. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(readonly field: string, readonly problem: string) {
    super(`model spec field "${field}": ${problem}`);
  }
}

/** The fields of a spec and of its parts, by part: any other key is a typo, which validateSpec names. */
export const SPEC_FIELDS = {
  spec: Object.keys({
    family: 1, inputShape: 1, units: 1, activation: 1, recurrentActivation: 1, dropout: 1, recurrentDropout: 1, layers: 1, batchNorm: 1,
    layerDropout: 1, dense: 1, embedding: 1, masking: 1, mergeMode: 1, conv: 1, outputSteps: 1, head: 1, seed: 1,
  } satisfies Record<keyof ModelSpec, 1>),
  layers: Object.keys({ units: 1, activation: 1, recurrentActivation: 1, dropout: 1, recurrentDropout: 1 } satisfies Record<keyof RecurrentLayerOptions, 1>),
  embedding: Object.keys({ vocabulary: 1, dim: 1, maskZero: 1 } satisfies Record<keyof NonNullable<ModelSpec['embedding']>, 1>),
  conv: Object.keys({ filters: 1, kernelSize: 1, poolSize: 1, frame: 1 } satisfies Record<keyof NonNullable<ModelSpec['conv']>, 1>),
  head: Object.keys({ task: 1, outputs: 1 } satisfies Record<keyof ModelSpec['head'], 1>),
} as const;

/** The first key of `value` that is not a known field, named with its path (e.g. "embedding.dims"). */
function unknownField(value: unknown, known: readonly string[], path: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const key = Object.keys(value).find((k) => !known.includes(k));
  if (key !== undefined) throw new SpecError(`${path}${key}`, `unknown field; known fields${path ? ` of ${path.slice(0, -1)}` : ''}: ${known.join(', ')}`);
}

const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isRate = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v < 1);

/** Checks the fields every family shares. */
export function validateSpec(spec: ModelSpec): void {
  if (!spec || typeof spec !== 'object') throw new SpecError('(spec)', 'expected an object');
  if (typeof spec.family !== 'string' || !spec.family) throw new SpecError('family', 'expected a family name');
  unknownField(spec, SPEC_FIELDS.spec, '');
  for (const part of ['embedding', 'conv', 'head'] as const) unknownField(spec[part], SPEC_FIELDS[part], `${part}.`);
  (Array.isArray(spec.layers) ? spec.layers : []).forEach((l, i) => unknownField(l, SPEC_FIELDS.layers, `layers[${i}].`));
  const shape = spec.inputShape;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every(isPosInt)) {
    throw new SpecError('inputShape', `expected [timesteps, features] of positive integers, got ${JSON.stringify(shape)}`);
  }
  const units = typeof spec.units === 'number' ? [spec.units] : spec.units;
  if (!Array.isArray(units) || units.length === 0 || !units.every(isPosInt)) {
    throw new SpecError('units', `expected a positive integer or a list of them, got ${JSON.stringify(spec.units)}`);
  }
  if (!isRate(spec.dropout)) throw new SpecError('dropout', `expected a number in [0, 1), got ${spec.dropout}`);
  if (!isRate(spec.recurrentDropout)) throw new SpecError('recurrentDropout', `expected a number in [0, 1), got ${spec.recurrentDropout}`);
  if (!isRate(spec.layerDropout)) throw new SpecError('layerDropout', `expected a number in [0, 1), got ${spec.layerDropout}`);
  (spec.layers ?? []).forEach((l, i) => {
    if (!isRate(l.dropout)) throw new SpecError(`layers[${i}].dropout`, `expected a number in [0, 1), got ${l.dropout}`);
    if (!isRate(l.recurrentDropout)) throw new SpecError(`layers[${i}].recurrentDropout`, `expected a number in [0, 1), got ${l.recurrentDropout}`);
  });
  if (spec.embedding !== undefined) {
    if (!isPosInt(spec.embedding.vocabulary)) throw new SpecError('embedding.vocabulary', `expected a positive integer, got ${JSON.stringify(spec.embedding.vocabulary)}`);
    if (!isPosInt(spec.embedding.dim)) throw new SpecError('embedding.dim', `expected a positive integer, got ${JSON.stringify(spec.embedding.dim)}`);
    if (spec.inputShape[1] !== 1) throw new SpecError('inputShape', `token input (embedding) takes one id per timestep: [timesteps, 1], got ${JSON.stringify(spec.inputShape)}`);
  }
  if (spec.mergeMode !== undefined && !['concat', 'sum', 'mul', 'ave'].includes(spec.mergeMode)) {
    throw new SpecError('mergeMode', `expected "concat", "sum", "mul" or "ave", got ${JSON.stringify(spec.mergeMode)}`);
  }
  if (spec.conv !== undefined && (!isPosInt(spec.conv.filters) || !isPosInt(spec.conv.kernelSize) || (spec.conv.poolSize !== undefined && !isPosInt(spec.conv.poolSize)))) {
    throw new SpecError('conv', `expected { filters, kernelSize, poolSize? } of positive integers, got ${JSON.stringify(spec.conv)}`);
  }
  if (spec.outputSteps !== undefined && !isPosInt(spec.outputSteps)) throw new SpecError('outputSteps', `expected a positive integer, got ${JSON.stringify(spec.outputSteps)}`);
  if (spec.dense !== undefined && (!Array.isArray(spec.dense) || !spec.dense.every(isPosInt))) {
    throw new SpecError('dense', `expected a list of positive integers, got ${JSON.stringify(spec.dense)}`);
  }
  const head = spec.head;
  if (!head || !['multiclass', 'binary', 'regression'].includes(head.task)) {
    throw new SpecError('head.task', `expected "multiclass", "binary" or "regression", got ${JSON.stringify(head?.task)}`);
  }
  if (!isPosInt(head.outputs)) throw new SpecError('head.outputs', `expected a positive integer, got ${JSON.stringify(head.outputs)}`);
  if (head.task === 'binary' && head.outputs !== 1) throw new SpecError('head.outputs', 'a binary head has exactly 1 output (sigmoid)');
  if (head.task === 'multiclass' && head.outputs < 2) throw new SpecError('head.outputs', 'a multiclass head needs at least 2 classes');
}
