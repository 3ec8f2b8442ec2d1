// The model form is generated from JSON Schemas of options (ui/schema-form.tsx reads any object schema): the spec
// fields every family shares, stated here, and each family's own options. A family that publishes its options
// schema (`family.options`, JSON Schema) gets its form from it, its values going to the spec's `options`; for a
// family without one, FAMILY_FIELDS states the spec fields @lstmkit/models' families read today.
import type { JsonSchema } from './ui/schema.js';

const rate = (description: string): JsonSchema => ({ type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0, description, group: 'regularisation' });
const activation = (description: string, d: string): JsonSchema => ({ anyOf: ['tanh', 'relu', 'sigmoid', 'linear', 'elu', 'hardSigmoid'].map((c) => ({ const: c })), default: d, description, group: 'cells' });

/** What every family's spec has. */
export const SHARED_OPTIONS: JsonSchema = {
  type: 'object',
  properties: {
    units: { type: 'array', items: { type: 'integer', minimum: 1 }, default: [32], description: 'recurrent units; a list for stacked layers (e.g. 64, 32)', group: 'layers' },
    activation: activation('cell output activation (Keras default tanh)', 'tanh'),
    recurrentActivation: activation('gate activation (Keras default sigmoid)', 'sigmoid'),
    dropout: rate('fraction of the inputs dropped in training'),
    recurrentDropout: rate('fraction of the recurrent state dropped in training'),
    seed: { type: 'integer', minimum: 0, default: 1, description: 'seed of the initial weights', group: 'training' },
  },
};

/** The spec fields of today's families that have no options schema of their own. */
export const FAMILY_FIELDS: JsonSchema = {
  type: 'object',
  properties: {
    dense: { type: 'array', items: { type: 'integer', minimum: 1 }, default: [], description: 'hidden Dense(relu) layers before the output', group: 'layers' },
    layerDropout: rate('a Dropout layer of this rate after each layer'),
    batchNorm: { type: 'boolean', default: false, description: 'BatchNormalization after each recurrent layer', group: 'regularisation' },
    mergeMode: { anyOf: ['concat', 'sum', 'mul', 'ave'].map((c) => ({ const: c })), default: 'concat', description: 'bidirectional: how the two directions merge', group: 'family', families: ['bidirectional'] },
    outputSteps: { type: 'integer', minimum: 1, default: 1, description: 'encoder-decoder: output timesteps', group: 'family', families: ['encoder-decoder'] },
    conv: {
      type: 'object',
      group: 'family',
      families: ['cnn-lstm'],
      description: 'Conv1D front',
      properties: {
        filters: { type: 'integer', minimum: 1, default: 16, description: 'Conv1D filters' },
        kernelSize: { type: 'integer', minimum: 1, default: 3, description: 'Conv1D kernel size' },
        poolSize: { type: 'integer', minimum: 1, default: 2, description: 'max-pooling size' },
      },
    },
  },
};
