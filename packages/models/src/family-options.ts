import { choice, Type, type Static } from '@lstmkit/plugin';
import { SpecError, type FamilySpec } from './spec.js';

// Option groups the built-in families share, each honoured by the helpers in layers.ts. A family lists the groups
// it honours in its schema, so it never accepts an option it would ignore.

const rate = (description: string) => Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description, group: 'regularisation' }));

/** An Embedding layer for token ids; its vocabulary comes from the data when it is not given. */
export const embeddingOption = (required: boolean) => {
  const schema = Type.Object(
    {
      vocabulary: Type.Integer({ minimum: 1, description: 'token ids are in [0, vocabulary)', fromData: 'vocabulary' }),
      dim: Type.Integer({ minimum: 1, description: 'size of each token vector' }),
      maskZero: Type.Optional(Type.Boolean({ description: 'id 0 is padding: later layers skip it' })),
    },
    { description: 'an Embedding front for token ids (inputShape [timesteps, 1])', group: 'input' },
  );
  return required ? schema : Type.Optional(schema);
};

/** How the input is read: an Embedding for token ids, or a Masking layer for padded steps. */
export const INPUT_OPTIONS = {
  embedding: embeddingOption(false),
  masking: Type.Optional(Type.Union([Type.Boolean(), Type.Number()], { description: 'skip padded timesteps whose features all equal this value (true: 0)', group: 'input' })),
};

/** What goes between the recurrent layers and after the hidden dense layers. */
export const STACK_OPTIONS = {
  batchNorm: Type.Optional(Type.Boolean({ description: 'a BatchNormalization layer after each recurrent layer', group: 'layers' })),
  layerDropout: rate('a Dropout layer of this rate after each recurrent and hidden dense layer'),
};

/** Hidden dense layers (relu) between the recurrent part and the output layer. */
export const DENSE_OPTIONS = {
  dense: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'hidden dense layers (relu) before the output, e.g. 32 or 64,32', group: 'layers' })),
};

/** How a bidirectional layer merges its two directions (Keras' merge_mode). */
export const mergeModeOption = choice(['concat', 'sum', 'mul', 'ave'], { description: 'how the two directions merge', default: 'concat', group: 'layers' });

/** The input-front options as one schema. */
export const INPUT_SCHEMA = Type.Object(INPUT_OPTIONS);
/** The input options a spec may hold. */
export type InputOptions = Partial<Static<typeof INPUT_SCHEMA>>;
/** The stack and head options as one schema. */
export const STACK_SCHEMA = Type.Object({ ...STACK_OPTIONS, ...DENSE_OPTIONS });
/** The stack and dense options a spec may hold. */
export type StackOptions = Partial<Static<typeof STACK_SCHEMA>>;

/** An Embedding reads one id per step, and masks by itself (maskZero): the input options that cannot go together. */
export function checkInputOptions(spec: FamilySpec<InputOptions>): void {
  const { embedding, masking } = spec.options;
  if (!embedding) return;
  if (spec.inputShape[1] !== 1) throw new SpecError('inputShape', `token input (embedding) takes one id per timestep: [timesteps, 1], got ${JSON.stringify(spec.inputShape)}`);
  if (masking !== undefined && masking !== false) throw new SpecError('options.masking', 'an Embedding input masks with embedding.maskZero, not a Masking layer');
}
