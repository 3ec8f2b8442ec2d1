import { createRegistry, parseOptions, type OptionsSchema, type RegisterOptions } from '@lstmkit/plugin';
import type { ModelFamily } from './family.js';
import { SpecError, validateSharedFields, type FamilySpec, type ModelSpec } from './spec.js';
import type { LayersModel } from './tf.js';

const families = createRegistry<ModelFamily>('model family');

/** Adds a family; a different family under a taken name is refused unless `replace` is set. */
export function registerModelFamily<S extends OptionsSchema>(family: ModelFamily<S>, options?: RegisterOptions): void {
  families.register(family as unknown as ModelFamily, options);
}

/** Removes the family registered under `name`; whether there was one. */
export const unregisterModelFamily = (name: string): boolean => families.unregister(name);

/** Every registered model family, in registration order. */
export const listModelFamilies = (): ModelFamily[] => families.list();

/** The family registered under `name`; a `PluginNotFoundError` listing the registered names if there is none. */
export const getModelFamily = (name: string): ModelFamily => families.get(name);

/**
 * Checks a spec, the shared fields here and the family's options against its schema and its own `validate`, and
 * returns it as the family's `build` receives it, with every option filled in (defaults). Errors are `SpecError`s
 * that name the field; an unknown family is a `PluginNotFoundError` listing the registered ones.
 */
export function resolveSpec(spec: ModelSpec): FamilySpec {
  validateSharedFields(spec);
  const family = getModelFamily(spec.family);
  const options = parseOptions(family.options, spec.options, (key, problem) => new SpecError(`options.${key}`, `${problem}${problem.startsWith('unknown option') ? ` (the ${family.name} family's options)` : ''}`));
  const resolved = { ...spec, options } as FamilySpec;
  family.validate?.(resolved);
  return resolved;
}

/** Checks a spec (see `resolveSpec`); throws a `SpecError` naming the first bad field. */
export function validateSpec(spec: ModelSpec): void {
  resolveSpec(spec);
}

/** Checks the spec and builds the (uncompiled) model with its family. */
export function buildModel(spec: ModelSpec): LayersModel {
  const resolved = resolveSpec(spec);
  return getModelFamily(spec.family).build(resolved);
}
