import { parseOptions, TASKS, Type, type Task } from '@lstmkit/plugin';
import type { FusedOption } from './fused/fused-recurrent.js';

/** What the model's output predicts, which fixes the output activation and the loss (the data's task). */
export type HeadTask = Task;

/**
 * A JSON-serialisable description of a model: what every family shares (the input, the recurrent layers, the
 * output head, the seed) and, in `options`, the family's own options (see the family's `options` schema).
 */
export interface ModelSpec<Options extends object = Record<string, unknown>> {
  /** Registered family name, e.g. "vanilla". */
  readonly family: string;
  /** [timesteps, features] of one input sequence ([timesteps, 1] of token ids for a family with an Embedding). */
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
  /**
   * Whether the recurrent layers run lstmkit's fused kernel (Keras 3's `use_cudnn`): 'auto' (default) where one is
   * registered for the backend, else tfjs-layers' code; true always (a layer that cannot throws, saying why); false never.
   */
  readonly fused?: FusedOption;
  /** Per-recurrent-layer overrides of activation, recurrentActivation, dropout, recurrentDropout, fused (by index). */
  readonly layers?: readonly Partial<RecurrentLayerOptions>[];
  readonly head: { readonly task: HeadTask; readonly outputs: number };
  /** Seed for the weight initialisers, so the same spec gives the same initial weights. */
  readonly seed?: number;
  /** The family's own options, checked against its schema (defaults fill what is left out). */
  readonly options?: Partial<Options>;
}

/** A spec as a family's `build` and `validate` receive it: checked, with every option of the family filled in. */
export interface FamilySpec<Options extends object = Record<string, unknown>> extends Omit<ModelSpec<Options>, 'options'> {
  readonly options: Options;
}

/** Options of one recurrent layer. */
export interface RecurrentLayerOptions {
  readonly units: number;
  readonly activation: string;
  readonly recurrentActivation: string;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly fused: FusedOption;
}

/** A spec field that is missing or out of range; the message names the field and what was expected. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(readonly field: string, readonly problem: string) {
    super(`model spec field "${field}": ${problem}`);
  }
}

const rate = (description: string) => Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description }));
const sizes = Type.Union([Type.Integer({ minimum: 1 }), Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1 })], {
  description: 'recurrent units: one layer, or a list for one layer each (e.g. 128,64)',
  default: 128,
});

/** The recurrent layer options every family shares, as an options schema (for CLIs and forms). */
export const RECURRENT_OPTIONS = Type.Object({
  units: sizes,
  activation: Type.Optional(Type.String({ minLength: 1, description: 'cell activation', default: 'tanh' })),
  recurrentActivation: Type.Optional(Type.String({ minLength: 1, description: 'gate activation', default: 'sigmoid' })),
  dropout: rate('fraction of the inputs dropped inside the recurrent layers while training'),
  recurrentDropout: rate('fraction of the recurrent state dropped while training'),
  fused: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal(true), Type.Literal(false)], {
      description: "run the fused recurrent kernel: 'auto' where one is registered for the backend, true always (or fail, saying why), false never (tfjs-layers' code)",
      default: 'auto',
    }),
  ),
});

/** The fields of a spec and of its parts, by part: any other key is a typo, which validateSpec names. */
export const SPEC_FIELDS = {
  spec: Object.keys({
    family: 1, inputShape: 1, units: 1, activation: 1, recurrentActivation: 1, dropout: 1, recurrentDropout: 1, fused: 1, layers: 1, head: 1, seed: 1, options: 1,
  } satisfies Record<keyof ModelSpec, 1>),
  layers: Object.keys({ units: 1, activation: 1, recurrentActivation: 1, dropout: 1, recurrentDropout: 1, fused: 1 } satisfies Record<keyof RecurrentLayerOptions, 1>),
  head: Object.keys({ task: 1, outputs: 1 } satisfies Record<keyof ModelSpec['head'], 1>),
} as const;

/** Fields a spec had at the top level before each family declared its own options; `migrateSpec` moves them. */
export const MOVED_TO_OPTIONS = ['batchNorm', 'layerDropout', 'dense', 'embedding', 'masking', 'mergeMode', 'conv', 'outputSteps'] as const;

/** The first key of `value` that is not a known field, named with its path (e.g. "head.tasks"). */
function unknownField(value: unknown, known: readonly string[], path: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const key = Object.keys(value).find((k) => !known.includes(k));
  if (key === undefined) return;
  if (!path && (MOVED_TO_OPTIONS as readonly string[]).includes(key)) {
    throw new SpecError(key, `is now a family option: options.${key === 'conv' ? '{ filters, kernelSize, poolSize, frame }' : key} (migrateSpec converts a whole spec written before)`);
  }
  throw new SpecError(`${path}${key}`, `unknown field; known fields${path ? ` of ${path.slice(0, -1)}` : ''}: ${known.join(', ')}`);
}

const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Checks the fields every family shares (the family's own options are checked by `resolveSpec`). */
export function validateSharedFields(spec: ModelSpec): void {
  if (!spec || typeof spec !== 'object') throw new SpecError('(spec)', 'expected an object');
  if (typeof spec.family !== 'string' || !spec.family) throw new SpecError('family', 'expected a family name');
  unknownField(spec, SPEC_FIELDS.spec, '');
  unknownField(spec.head, SPEC_FIELDS.head, 'head.');
  (Array.isArray(spec.layers) ? spec.layers : []).forEach((l, i) => unknownField(l, SPEC_FIELDS.layers, `layers[${i}].`));
  const shape = spec.inputShape;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every(isPosInt)) {
    throw new SpecError('inputShape', `expected [timesteps, features] of positive integers, got ${JSON.stringify(shape)}`);
  }
  const { units, activation, recurrentActivation, dropout, recurrentDropout, fused } = spec;
  parseOptions(RECURRENT_OPTIONS, { units, activation, recurrentActivation, dropout, recurrentDropout, fused }, (field, problem) => new SpecError(field, problem.replace('an integer >= 1', 'a positive integer')));
  (spec.layers ?? []).forEach((l, i) => {
    parseOptions(Type.Partial(RECURRENT_OPTIONS), l, (field, problem) => new SpecError(`layers[${i}].${field}`, problem));
  });
  if (spec.options !== undefined && (!spec.options || typeof spec.options !== 'object' || Array.isArray(spec.options))) {
    throw new SpecError('options', `expected an object of the family's options, got ${JSON.stringify(spec.options)}`);
  }
  const head = spec.head;
  if (!head || !TASKS.includes(head.task)) throw new SpecError('head.task', `expected "multiclass", "binary" or "regression", got ${JSON.stringify(head?.task)}`);
  if (!isPosInt(head.outputs)) throw new SpecError('head.outputs', `expected a positive integer, got ${JSON.stringify(head.outputs)}`);
  if (head.task === 'binary' && head.outputs !== 1) throw new SpecError('head.outputs', 'a binary head has exactly 1 output (sigmoid)');
  if (head.task === 'multiclass' && head.outputs < 2) throw new SpecError('head.outputs', 'a multiclass head needs at least 2 classes');
}
