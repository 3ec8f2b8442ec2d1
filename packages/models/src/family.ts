import type { OptionsOf, OptionsSchema } from '@lstmkit/plugin';
import type { FamilySpec, ModelSpec } from './spec.js';
import type { LayersModel } from './tf.js';

/**
 * A model family plugin, one file each: its own options (a schema with types, defaults, ranges and help, from
 * which the CLI makes flags and a web page makes a form), a check of what the schema cannot say, the model it
 * builds, and a small example of itself (the backends' training-support table tries it). A third party writes
 * one and calls `registerModelFamily`; nothing else needs to know about it.
 */
export interface ModelFamily<S extends OptionsSchema = OptionsSchema> {
  readonly name: string;
  /** One line: the layers it builds. */
  readonly description: string;
  /** The family's own options (a spec's `options`), as a JSON Schema object (TypeBox's `Type.Object`). */
  readonly options: S;
  /** A small spec of this family that uses what distinguishes it; it must build and train in well under a second. */
  readonly example: ModelSpec<OptionsOf<S>>;
  /** Checks what the schema cannot (relations between options and the shared fields); throws a `SpecError`. */
  validate?(spec: FamilySpec<OptionsOf<S>>): void;
  /** Builds the (uncompiled) model of a checked spec. */
  build(spec: FamilySpec<OptionsOf<S>>): LayersModel;
}
