// @lstmkit/native/node: the compiled Node-API addon (C++, AVX2+FMA, every core), and why it is absent when it is.
export { loadNative, whyNoAddon, type NativeKernelOptions } from './native-addon.js';
export * from './index.js';
