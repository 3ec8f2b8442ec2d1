import { installWasmFastMatMul } from '../kernels/wasm-batch-matmul.js';
import { installWasmUnsortedSegmentSum } from '../kernels/wasm-unsorted-segment-sum.js';
import { tf } from '../tf.js';
import type { BackendPlugin } from './types.js';

/**
 * WebAssembly (XNNPACK) via @tensorflow/tfjs-backend-wasm, with lstmkit's faster transposed matMul and the
 * UnsortedSegmentSum kernel (Embedding gradient) tfjs' wasm backend lacks.
 */
export const wasm: BackendPlugin = {
  name: 'wasm',
  priority: 20,
  description: 'WebAssembly (XNNPACK, SIMD) through @tensorflow/tfjs-backend-wasm; runs everywhere, 1 thread in Node',
  async probe() {
    if (typeof WebAssembly !== 'object') return { available: false, reason: 'this runtime has no WebAssembly' };
    try {
      await import('@tensorflow/tfjs-backend-wasm');
    } catch (e) {
      return { available: false, reason: `not installed (${(e as Error).message.split('\n')[0]}): npm i @tensorflow/tfjs-backend-wasm@4.22.0` };
    }
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return { available: true, device: `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, 1 thread)` };
  },
  async activate() {
    await import('@tensorflow/tfjs-backend-wasm');
    // tfjs' threaded build, which it picks on a cross-origin isolated page, starts its workers from the source text
    // of one of its functions, which bundlers' minifiers break ("e is not defined"); in Node it runs one thread
    // anyway. The recurrent layers' fused kernels bring their own threads (@lstmkit/native).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not initialise the wasm backend');
    installWasmFastMatMul();
    installWasmUnsortedSegmentSum();
  },
};
