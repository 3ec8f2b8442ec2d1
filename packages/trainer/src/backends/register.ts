// Registers the built-in backends (this package's side effect at import; package.json's `sideEffects` lists it).
// A third-party backend is one file like backends/wasm.ts and one registerBackendPlugin call.
import { cpu } from './cpu.js';
import { registerBackendPlugin } from './registry.js';
import { node, nodeGpu } from './tfjs-node.js';
import { wasm } from './wasm.js';
import { webgl } from './webgl.js';
import { webgpu } from './webgpu.js';

registerBackendPlugin(webgpu);
registerBackendPlugin(nodeGpu);
registerBackendPlugin(node);
registerBackendPlugin(webgl);
registerBackendPlugin(wasm);
registerBackendPlugin(cpu);
