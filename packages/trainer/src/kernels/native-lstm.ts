import { registerLstmKernel } from '@lstmkit/models';

// @lstmkit/native is an optional dependency (compiled C++, Node only). The specifier is a variable so that
// browser bundlers do not try to resolve it.
const NATIVE = '@lstmkit/native';

let loaded: Promise<{ name: string } | { reason: string }> | undefined;

/**
 * Registers @lstmkit/native's fused LSTM, GRU and SimpleRNN kernels with @lstmkit/models for the backends whose tensors live in host
 * memory (wasm, cpu), once. Resolves to the kernel's name, or why it is not available.
 */
export function installNativeLstm(): Promise<{ name: string } | { reason: string }> {
  loaded ??= (async () => {
    if (typeof process === 'undefined' || !process.versions?.node) return { reason: 'native kernels run only in Node' };
    let mod: typeof import('@lstmkit/native');
    try {
      mod = (await import(/* @vite-ignore */ NATIVE)) as typeof import('@lstmkit/native');
    } catch {
      return { reason: '@lstmkit/native is not installed (npm i @lstmkit/native; needs a C++ compiler at install)' };
    }
    const status = mod.loadNative();
    if (!status.available) return { reason: status.reason };
    const k = status.kernels;
    const name = `native C++ (${k.simd}, ${k.threads} thread${k.threads === 1 ? '' : 's'})`;
    registerLstmKernel({
      name,
      backends: ['wasm', 'cpu'],
      lstmForward: (x, w, r, b, dims) => k.lstmForward(x, w, r, b, dims),
      lstmBackward: (x, w, r, f, dH, dims) => k.lstmBackward(x, w, r, f as import('@lstmkit/native').LstmForwardResult, dH, dims),
      gruForward: (x, w, r, b, dims) => k.gruForward(x, w, r, b, dims),
      gruBackward: (x, w, r, f, dH, dims) => k.gruBackward(x, w, r, f as import('@lstmkit/native').GruForwardResult, dH, dims),
      rnnForward: (x, w, r, b, dims) => k.rnnForward(x, w, r, b, dims),
      rnnBackward: (x, w, r, f, dH, dims) => k.rnnBackward(x, w, r, f as import('@lstmkit/native').RnnForwardResult, dH, dims),
    });
    return { name };
  })();
  return loaded;
}
