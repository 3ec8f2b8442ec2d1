// @lstmkit/native, browser-safe entry: the WebAssembly build of the fused recurrent kernels, and the contract that
// it and the Node-API addon ('@lstmkit/native/node') both implement.
export { loadWasmKernels, type WasmKernelOptions } from './wasm-kernels.js';
export type { AdamStep, Backward, Forward, FusedKernels, GruForwardResult, KernelOptions, KernelStatus, LstmDims, RecurrentDims, LstmForwardResult, LstmGradients, RnnForwardResult } from './kernels.js';
