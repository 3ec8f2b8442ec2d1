import { registerRecurrentKernel, setNoLstmKernelReason, type HostRecurrentKernel } from '@lstmkit/models';
import { loadWasmKernels, type FusedKernels, type WasmKernelOptions } from '@lstmkit/native';

// @lstmkit/native's kernels for the LSTM, GRU and SimpleRNN layers of @lstmkit/models, on the backends whose tensors
// live in host memory (wasm, cpu): its compiled addon where it loads (Node, with a C++ compiler at install), else the
// WebAssembly build of the same C++ (browsers; Node without the addon). The addon's entry is loaded by a variable
// name, so that browser bundlers do not try to resolve Node-only code.
const NATIVE_NODE = '@lstmkit/native/node';
const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

/** Which implementation the layers run and why, or why none. */
export type FusedKernelChoice = { readonly name: string; readonly note: string } | { readonly reason: string };

let loaded: Promise<FusedKernelChoice> | undefined;

/**
 * The kernels' threads: `threads` if given, else LSTMKIT_THREADS in Node, else undefined (the kernels' default:
 * every core); or why the setting is not a thread count.
 */
export function kernelThreads(threads?: number): { threads?: number } | { reason: string } {
  if (threads !== undefined || !isNode || process.env.LSTMKIT_THREADS === undefined || process.env.LSTMKIT_THREADS === '') return { threads };
  const text = process.env.LSTMKIT_THREADS;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? { threads: n } : { reason: `LSTMKIT_THREADS=${JSON.stringify(text)} is not a positive integer (the fused kernels' threads per call)` };
}

/** Why the addon is not used here, or its kernels. */
async function nativeAddon(threads: number | undefined): Promise<{ kernels: FusedKernels } | { why: string }> {
  if (!isNode) return { why: 'browsers cannot load native addons' };
  try {
    const mod = (await import(/* @vite-ignore */ NATIVE_NODE)) as typeof import('@lstmkit/native/node');
    const status = mod.loadNative({ threads });
    return status.available ? { kernels: status.kernels } : { why: status.reason };
  } catch (e) {
    return { why: `@lstmkit/native/node failed to load: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** `k` as @lstmkit/models' host kernel for the wasm and cpu backends. */
export function hostKernel(k: FusedKernels, note: string): HostRecurrentKernel {
  return {
    name: k.name,
    note,
    backends: ['wasm', 'cpu'],
    lstmForward: (x, w, r, b, dims) => k.lstmForward(x, w, r, b, dims),
    lstmBackward: (x, w, r, f, dH, dims) => k.lstmBackward(x, w, r, f, dH, dims),
    gruForward: (x, w, r, b, dims) => k.gruForward(x, w, r, b, dims),
    gruBackward: (x, w, r, f, dH, dims) => k.gruBackward(x, w, r, f, dH, dims),
    rnnForward: (x, w, r, b, dims) => k.rnnForward(x, w, r, b, dims),
    rnnBackward: (x, w, r, f, dH, dims) => k.rnnBackward(x, w, r, f, dH, dims),
    release: (f) => k.release(f),
    sgemm: (...args) => k.sgemm(...args),
  };
}

let installed: FusedKernels | undefined;

/** The kernels installFusedKernels registered, once it has (HostAdam runs its update on the addon's `adam`). */
export function installedFusedKernels(): FusedKernels | undefined {
  return installed;
}

function register(k: FusedKernels, note: string): FusedKernelChoice {
  installed = k;
  registerRecurrentKernel(hostKernel(k, note));
  return { name: k.name, note };
}

/**
 * Registers @lstmkit/native's fused LSTM, GRU and SimpleRNN kernels with @lstmkit/models, once: the native addon
 * if it loads, else the WebAssembly build. `options.threads` (else LSTMKIT_THREADS in Node, else every core) goes to
 * whichever loads, `baseUrl` to the WebAssembly loader. Resolves to the implementation and why it was chosen, or why
 * there is none. In Node this starts when the trainer is imported; everything in the trainer that runs a model
 * awaits it.
 */
export function installFusedKernels(options: WasmKernelOptions = {}): Promise<FusedKernelChoice> {
  loaded ??= (async () => {
    setNoLstmKernelReason('the fused kernels are still loading (await useBackend(), fit(), predict() or installFusedKernels() first)');
    const setting = kernelThreads(options.threads);
    if ('reason' in setting) {
      setNoLstmKernelReason(setting.reason);
      return { reason: setting.reason };
    }
    const addon = await nativeAddon(setting.threads);
    if ('kernels' in addon) return register(addon.kernels, 'the native addon, compiled at install');
    const wasm = await loadWasmKernels({ ...options, threads: setting.threads });
    if (wasm.available) return register(wasm.kernels, `the WebAssembly build of the same kernels: ${addon.why}`);
    const reason = `no fused kernels: ${addon.why}; and ${wasm.reason}`;
    setNoLstmKernelReason(reason);
    return { reason };
  })();
  return loaded;
}

// In Node, registering costs little (a dlopen, or a 55 KB WebAssembly module and its helper threads): start at import,
// so that models loaded and run without useBackend() get the kernels too.
if (isNode) void installFusedKernels();
