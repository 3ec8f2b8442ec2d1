// @lstmkit/plugin: what every lstmkit registry of plugins is made of. Browser-safe, no lstmkit dependency.
export { createRegistry, DuplicatePluginError, PluginNotFoundError, type Plugin, type RegisterOptions, type Registry, type RegistryOptions } from './registry.js';
export { choice, expected, optionFields, optionFromText, optionProblem, parseOptions, setOption, unknownOption, type FromData, type OptionField, type OptionsOf, type OptionsSchema } from './options.js';
export { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
export { TASKS, type Task } from './task.js';
export type { RecurrentDims } from './recurrent.js';
