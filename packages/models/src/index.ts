export type { HeadTask, ModelSpec } from './spec.js';
export { SpecError, validateSpec } from './spec.js';
export { HEADS } from './head.js';
export { buildModel, getModelFamily, listModelFamilies, registerModelFamily, type ModelFamily } from './registry.js';
export { formatSummary, summarizeModel, type LayerSummary, type ModelSummary } from './summary.js';
export { vanilla } from './families/vanilla.js';
export { addHead, lstmLayer, initializers } from './layers.js';
