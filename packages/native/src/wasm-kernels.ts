// The fused kernels compiled to WebAssembly (SIMD128) from the same C++ as the addon (scripts/build-wasm.mjs), for
// wherever the addon is not: browsers, and Node installs without a compiler. Browser-safe: nothing here imports a
// Node built-in by name.
import { ACTIVATIONS, checkThreads, GATES, threadsLabel, type Backward, type Forward, type FusedKernels, type KernelOptions, type KernelStatus, type RecurrentDims, type LstmForwardResult } from './kernels.js';
import { startHelper } from './wasm-helpers.js';
import { WasmHeap, type Block, type HeapExports } from './wasm-heap.js';

/** How to load the WebAssembly build: its threads, and where its files are served. */
export interface WasmKernelOptions extends KernelOptions {
  /**
   * Threads per call, the caller included (a positive integer). Default: every core (up to 16) where helper threads
   * can share memory (Node; pages served cross-origin isolated), else 1.
   */
  readonly threads?: number;
  /**
   * Where lstmkit-kernels.wasm and lstmkit-kernels-threads.wasm are served from (a folder URL ending in "/"), for
   * bundlers that do not follow `new URL('…', import.meta.url)` (Vite and webpack 5 do).
   */
  readonly baseUrl?: string | URL;
}

type Pointer = number;
type P = Pointer;
/** What every recurrent call ends with: its sizes, its threads, and Keras' activation (0 tanh, 1 relu). */
type Sizes = [batch: number, steps: number, features: number, units: number, threads: number, activation: number];
interface Exports extends HeapExports {
  __wasm_call_ctors(): void;
  // The recurrent kernels (csrc/wasm-exports.cc), argument by argument: pointers into the module's memory, then
  // the sizes. Forward passes fill h and the state kept for the backward pass; backward passes fill the gradients.
  lstmkit_lstm_forward(x: P, kernel: P, recurrentKernel: P, bias: P, h: P, c: P, gates: P, xh: P, ...sizes: Sizes): void;
  lstmkit_lstm_backward(kernel: P, recurrentKernel: P, c: P, gates: P, xh: P, dh: P, dx: P, dKernel: P, dRecurrentKernel: P, dBias: P, ...sizes: Sizes): void;
  lstmkit_gru_forward(x: P, kernel: P, recurrentKernel: P, bias: P, h: P, gates: P, s: P, ...sizes: Sizes): void;
  lstmkit_gru_backward(kernel: P, recurrentKernel: P, gates: P, s: P, dh: P, dx: P, dKernel: P, dRecurrentKernel: P, dBias: P, ...sizes: Sizes): void;
  lstmkit_rnn_forward(x: P, kernel: P, recurrentKernel: P, bias: P, h: P, s: P, ...sizes: Sizes): void;
  lstmkit_rnn_backward(kernel: P, recurrentKernel: P, h: P, s: P, dh: P, dx: P, dKernel: P, dRecurrentKernel: P, dBias: P, ...sizes: Sizes): void;
  lstmkit_sgemm(M: number, N: number, K: number, A: Pointer, rsA: number, csA: number, B: Pointer, rsB: number, csB: number, C: Pointer, ldc: number, accumulate: number): void;
  /** Threads build only: whether this thread may sleep on a futex while helpers finish (not a page's main thread). */
  lstmkit_caller_may_block?(yes: number): void;
}

const PAGE = 65536;
const INITIAL_PAGES = 4194304 / PAGE; // the linker's --initial-memory
const MAX_PAGES = 2147483648 / PAGE; // the threaded build's --max-memory
const HELPER_STACK = 512 * 1024; // bytes; a GEMM packs a 96 KB panel on the stack
const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);
// Variables, so that browser bundlers do not try to resolve Node built-ins.
const FS = 'node:fs/promises';
const OS = 'node:os';

// Literal `new URL(…, import.meta.url)`s, which bundlers turn into emitted assets.
const BUILDS = {
  single: () => new URL('../wasm/lstmkit-kernels.wasm', import.meta.url),
  threads: () => new URL('../wasm/lstmkit-kernels-threads.wasm', import.meta.url),
};

async function compile(build: keyof typeof BUILDS, baseUrl?: string | URL): Promise<WebAssembly.Module> {
  const url = baseUrl ? new URL(BUILDS[build]().pathname.split('/').pop()!, baseUrl) : BUILDS[build]();
  if (url.protocol === 'file:') {
    const { readFile } = (await import(/* @vite-ignore */ FS)) as typeof import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

// Helpers live as long as the process or page (a worker and an instance each), and a batch splits into at most
// batch / 8 chunks of rows: by default no more than this many threads, however many cores there are.
const DEFAULT_MAX_THREADS = 16;

/** How many threads, and why only one when that is all there can be. */
async function threadPlan(requested?: number): Promise<{ threads: number; why?: string }> {
  if (requested !== undefined) return { threads: requested, why: requested === 1 ? 'asked for 1' : undefined };
  if (isNode) {
    const os = (await import(/* @vite-ignore */ OS)) as typeof import('node:os');
    return everyCore(os.availableParallelism?.() ?? os.cpus().length);
  }
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) {
    return { threads: 1, why: 'the page is not cross-origin isolated, so no SharedArrayBuffer (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)' };
  }
  return everyCore((globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1);
}

const everyCore = (cores: number) => ({ threads: Math.max(1, Math.min(cores, DEFAULT_MAX_THREADS)), why: cores <= 1 ? 'one core' : undefined });

const loads = new Map<string, Promise<KernelStatus>>();

/**
 * Loads the WebAssembly build of the fused kernels with `options.threads` threads; resolves to why not when it
 * cannot load (a bad `threads` is a RangeError). Each load is a module instance with its own memory (its own
 * buffers) and, with more than one thread, that many - 1 helper threads (workers over that memory) that live as
 * long as the process or page: so the same options give the same kernels object, loaded once.
 */
export function loadWasmKernels(options: WasmKernelOptions = {}): Promise<KernelStatus> {
  checkThreads(options.threads);
  const key = JSON.stringify([options.threads ?? null, String(options.baseUrl ?? '')]);
  let loading = loads.get(key);
  if (!loading) {
    loading = load(options).catch((e: Error) => ({ available: false as const, reason: `the WebAssembly kernels failed to load: ${e.message}` }));
    loads.set(key, loading);
  }
  return loading;
}

async function load(options: WasmKernelOptions): Promise<KernelStatus> {
  if (typeof WebAssembly !== 'object') return { available: false, reason: 'this runtime has no WebAssembly' };
  const plan = await threadPlan(options.threads);
  const threaded = plan.threads > 1;
  const memory = threaded ? new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true }) : new WebAssembly.Memory({ initial: INITIAL_PAGES });
  const module = await compile(threaded ? 'threads' : 'single', options.baseUrl);
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const exports = instance.exports as unknown as Exports;
  exports.__wasm_call_ctors();
  const heap = new WasmHeap(exports, memory);

  let threads = 1;
  let why = plan.why;
  if (threaded) {
    const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
    exports.lstmkit_caller_may_block?.(isNode || inWorker ? 1 : 0);
    const started = await Promise.allSettled(
      Array.from({ length: plan.threads - 1 }, () => startHelper({ module, memory, stackTop: heap.alloc(HELPER_STACK / 4).pointer + HELPER_STACK })),
    );
    threads += started.filter((s) => s.status === 'fulfilled').length;
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) why = `${plan.threads - threads} helper thread(s) did not start: ${(failed.reason as Error).message}`;
  }
  const kernels: FusedKernels = {
    name: `wasm SIMD128 (${threadsLabel(threads)}${why ? `: ${why}` : ''})`,
    simd: 'SIMD128',
    /** The threads started: the caller and its helpers. */
    threads,
    lstmForward: forward(heap, exports, 'lstm', threads),
    lstmBackward: backward(heap, exports, 'lstm', threads),
    gruForward: forward(heap, exports, 'gru', threads),
    gruBackward: backward(heap, exports, 'gru', threads),
    rnnForward: forward(heap, exports, 'rnn', threads),
    rnnBackward: backward(heap, exports, 'rnn', threads),
    release: (f) => heap.release(f),
    sgemm(M, N, K, A, rsA, csA, B, rsB, csB, C, ldc, accumulate) {
      for (const [name, v] of [['M', M], ['N', N], ['K', K]] as const) positive(name, v);
      const extentA = (M - 1) * rsA + (K - 1) * csA + 1, extentB = (K - 1) * rsB + (N - 1) * csB + 1, extentC = (M - 1) * ldc + N;
      floats('A', A, extentA);
      floats('B', B, extentB);
      floats('C', C, extentC);
      const blocks = [heap.copyIn(A, extentA), heap.copyIn(B, extentB), heap.copyIn(C, extentC)] as const;
      try {
        exports.lstmkit_sgemm(M, N, K, blocks[0].pointer, rsA, csA, blocks[1].pointer, rsB, csB, blocks[2].pointer, ldc, accumulate ? 1 : 0);
        C.set(heap.view(blocks[2]));
      } finally {
        heap.freeAll(blocks);
      }
    },
  };
  return { available: true, kernels: Object.freeze(kernels) };
}

type Cell = keyof typeof GATES;
const CELL_NAMES: Record<Cell, string> = { lstm: 'LSTM', gru: 'GRU', rnn: 'SimpleRNN' };

function positive(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new TypeError(`${name} must be a positive integer`);
}

function floats(name: string, a: Float32Array, need: number): void {
  if (!(a instanceof Float32Array)) throw new TypeError(`${name} must be a Float32Array`);
  if (a.length < need) throw new TypeError(`${name} has ${a.length} elements, needs ${need}`);
}

/** The sizes of a call, checked as the addon checks them. */
function sizes(d: RecurrentDims, cell: Cell) {
  positive('batch', d.batch);
  positive('steps', d.steps);
  positive('features', d.features);
  positive('units', d.units);
  if (!((d.activation ?? 'tanh') in ACTIVATIONS)) throw new TypeError('activation must be tanh or relu');
  const n = d.batch * d.steps, D = d.features, U = d.units, G = GATES[cell] * U;
  // What each cell keeps per step row for its backward pass (csrc/lstm.h, gru.h, rnn.h).
  const kept = { lstm: [n * U, n * G, n * (D + U + 1)], gru: [n * G, n * (D + 2 * U)], rnn: [n * U, n * (D + U + 1)] }[cell];
  return { n, D, U, G, kept, activation: ACTIVATIONS[d.activation ?? 'tanh'] };
}

/** Pointers of one call, grouped as forward and backward take them. */
interface ForwardPointers { readonly inputs: P[]; readonly h: P; readonly kept: P[] }
interface BackwardPointers { readonly inputs: P[]; readonly kept: P[]; readonly dh: P; readonly out: P[] }

/** Each cell's two exports, called with its pointers in the order csrc/wasm-exports.cc takes them. */
const CALLS: Record<Cell, { forward(e: Exports, p: ForwardPointers, s: Sizes): void; backward(e: Exports, p: BackwardPointers, s: Sizes): void }> = {
  lstm: {
    forward: (e, { inputs: [x, k, r, b], h, kept: [c, g, xh] }, s) => e.lstmkit_lstm_forward(x, k, r, b, h, c, g, xh, ...s),
    backward: (e, { inputs: [k, r], kept: [c, g, xh], dh, out: [dx, dk, dr, db] }, s) => e.lstmkit_lstm_backward(k, r, c, g, xh, dh, dx, dk, dr, db, ...s),
  },
  gru: {
    forward: (e, { inputs: [x, k, r, b], h, kept: [g, st] }, s) => e.lstmkit_gru_forward(x, k, r, b, h, g, st, ...s),
    backward: (e, { inputs: [k, r], kept: [g, st], dh, out: [dx, dk, dr, db] }, s) => e.lstmkit_gru_backward(k, r, g, st, dh, dx, dk, dr, db, ...s),
  },
  // The SimpleRNN's h is the first array it keeps.
  rnn: {
    forward: (e, { inputs: [x, k, r, b], kept: [h, st] }, s) => e.lstmkit_rnn_forward(x, k, r, b, h, st, ...s),
    backward: (e, { inputs: [k, r], kept: [h, st], dh, out: [dx, dk, dr, db] }, s) => e.lstmkit_rnn_backward(k, r, h, st, dh, dx, dk, dr, db, ...s),
  },
};

/** The forward pass of `cell`: inputs copied in, h copied out, the rest kept in the module's memory for the backward pass. */
function forward(heap: WasmHeap, exports: Exports, cell: Cell, threads: number): Forward {
  return (x, kernel, recurrentKernel, bias, d) => {
    const { n, D, U, G, kept, activation } = sizes(d, cell);
    floats('x', x, n * D);
    floats('kernel', kernel, D * G);
    floats('recurrentKernel', recurrentKernel, U * G);
    floats('bias', bias, G);
    const inputs = [heap.copyIn(x, n * D), heap.copyIn(kernel, D * G), heap.copyIn(recurrentKernel, U * G), heap.copyIn(bias, G)];
    const keep = kept.map((length) => heap.alloc(length));
    // The LSTM and GRU write h to their own block; the SimpleRNN's h is the first block it keeps.
    const h = cell === 'rnn' ? keep[0]! : heap.alloc(n * U);
    const p = (blocks: Block[]) => blocks.map((b) => b.pointer);
    try {
      CALLS[cell].forward(exports, { inputs: p(inputs), h: h.pointer, kept: p(keep) }, [d.batch, d.steps, D, U, threads, activation]);
    } catch (e) {
      heap.freeAll(cell === 'rnn' ? keep : [h, ...keep]);
      throw e;
    } finally {
      heap.freeAll(inputs);
    }
    const state: LstmForwardResult = { h: heap.copyOut(h) };
    if (cell !== 'rnn') heap.free(h);
    heap.keep(state, keep);
    return state;
  };
}

/** The backward pass of `cell` from a state its forward pass kept. */
function backward(heap: WasmHeap, exports: Exports, cell: Cell, threads: number): Backward {
  return (_x, kernel, recurrentKernel, f, dH, d) => {
    const { n, D, U, G, activation } = sizes(d, cell);
    floats('kernel', kernel, D * G);
    floats('recurrentKernel', recurrentKernel, U * G);
    floats('dh', dH, n * U);
    const kept = heap.take(f);
    if (!kept) throw new Error(`this ${CELL_NAMES[cell]} forward state was already used by a backward pass (its buffers are reused), or comes from other kernels`);
    const inputs = [heap.copyIn(kernel, D * G), heap.copyIn(recurrentKernel, U * G)];
    const dh = heap.copyIn(dH, n * U);
    // No dx block when the caller wants none: the kernels read pointer 0 as "skip dx".
    const wantDx = d.inputGradient !== false;
    const out = [...(wantDx ? [heap.alloc(n * D)] : []), heap.alloc(D * G), heap.alloc(U * G), heap.alloc(G)];
    try {
      const p = (blocks: Block[]) => blocks.map((b) => b.pointer);
      const pointers = p(out);
      if (!wantDx) pointers.unshift(0);
      CALLS[cell].backward(exports, { inputs: p(inputs), kept: p(kept), dh: dh.pointer, out: pointers }, [d.batch, d.steps, D, U, threads, activation]);
      const [dKernel, dRecurrentKernel, dBias] = out.slice(wantDx ? 1 : 0).map((b) => heap.copyOut(b));
      return { dx: wantDx ? heap.copyOut(out[0]!) : new Float32Array(0), dKernel: dKernel!, dRecurrentKernel: dRecurrentKernel!, dBias: dBias! };
    } finally {
      heap.freeAll([...inputs, ...kept, dh, ...out]);
    }
  };
}
