// @lstmkit/plugin/node: what lstmkit's Node entries share beyond the registries: writing files safely.
export { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.js';
