import { bidirectional } from './families/bidirectional.js';
import { cnnLstm } from './families/cnn-lstm.js';
import { encoderDecoder } from './families/encoder-decoder.js';
import { generative } from './families/generative.js';
import { gru } from './families/gru.js';
import { rnn } from './families/rnn.js';
import { stacked } from './families/stacked.js';
import { vanilla } from './families/vanilla.js';
import { validateSpec, SpecError, type ModelSpec } from './spec.js';
import type { LayersModel } from './tf.js';

/** A model family plugin: turns a validated spec into an (uncompiled) tfjs LayersModel. */
export interface ModelFamily {
  readonly name: string;
  readonly description: string;
  /** Builds the (uncompiled) model of a validated spec. */
  build(spec: ModelSpec): LayersModel;
}

const families = new Map<string, ModelFamily>();

/** Adds a family (or replaces one of the same name). */
export function registerModelFamily(family: ModelFamily): void {
  families.set(family.name, family);
}

/** Every registered model family. */
export function listModelFamilies(): ModelFamily[] {
  return [...families.values()];
}

/** The family registered under `name`; a `SpecError` listing the registered names if there is none. */
export function getModelFamily(name: string): ModelFamily {
  const f = families.get(name);
  if (!f) throw new SpecError('family', `unknown family "${name}"; registered: ${[...families.keys()].join(', ')}`);
  return f;
}

/** Validates the spec and builds the model with its family. */
export function buildModel(spec: ModelSpec): LayersModel {
  validateSpec(spec);
  return getModelFamily(spec.family).build(spec);
}

for (const family of [vanilla, stacked, bidirectional, rnn, gru, cnnLstm, encoderDecoder, generative]) registerModelFamily(family);
