// The one contract both builds of the kernels implement: the Node-API addon (native C++, src/native-addon.ts) and
// the WebAssembly module (src/wasm-kernels.ts) compiled from the same C++ sources. All arrays are row-major
// Float32Arrays; weights use Keras' and tfjs-layers' layouts.

import type { RecurrentDims } from '@lstmkit/plugin';

export type { RecurrentDims };
/** @deprecated use RecurrentDims (the same shape serves LSTM, GRU and SimpleRNN) */
export type LstmDims = RecurrentDims;

/** Tensors an LSTM forward pass leaves for the backward pass (h is the layer's output). */
export interface LstmForwardResult {
  /** h at every step, [batch, steps, units]. */
  readonly h: Float32Array;
}

/** What a GRU forward pass returns: h at every step, [batch, steps, units] (and what its backward pass needs). */
export type GruForwardResult = LstmForwardResult;
/** What a SimpleRNN forward pass returns: h at every step, [batch, steps, units] (and what its backward pass needs). */
export type RnnForwardResult = LstmForwardResult;

/** The gradients a backward pass returns: for the input and for each weight. */
export interface LstmGradients {
  readonly dx: Float32Array;
  readonly dKernel: Float32Array;
  readonly dRecurrentKernel: Float32Array;
  readonly dBias: Float32Array;
}

/** A whole-sequence forward pass. */
export type Forward = (x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array, dims: RecurrentDims) => LstmForwardResult;
/**
 * Backward through time: gradients for x and the weights, given dH (the gradient of the loss w.r.t. every h); dx is
 * empty when `dims.inputGradient` is false (not computed).
 */
export type Backward = (x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, forward: LstmForwardResult, dH: Float32Array, dims: RecurrentDims) => LstmGradients;

/** The fused LSTM, GRU and SimpleRNN kernels, native or WebAssembly. */
export interface FusedKernels {
  /** For people: "native C++ (AVX2+FMA, 2 threads)", "wasm SIMD128 (2 threads)". */
  readonly name: string;
  /** "AVX2+FMA", "SIMD128" (WebAssembly) or "scalar". */
  readonly simd: string;
  /**
   * Threads each call uses, the caller included: the `threads` the kernels were loaded with (default: every core; the
   * WebAssembly build: the helper threads that started, + 1). Fixed for the life of the object: load another for another count.
   */
  readonly threads: number;
  /** Whole-sequence LSTM forward (Keras layout: kernel [D, 4U], recurrent [U, 4U], bias [4U]; gates i, f, c, o). */
  readonly lstmForward: Forward;
  readonly lstmBackward: Backward;
  /** Whole-sequence GRU forward (tfjs' layout, reset_after=false: kernel [D, 3U], recurrent [U, 3U], bias [3U]; z, r, h). */
  readonly gruForward: Forward;
  readonly gruBackward: Backward;
  /** Whole-sequence SimpleRNN forward (Keras layout: kernel [D, U], recurrent [U, U], bias [U]). */
  readonly rnnForward: Forward;
  readonly rnnBackward: Backward;
  /**
   * Frees what a forward pass kept for its backward pass when no backward pass will run (inference). Optional to
   * call: a state is also freed by its backward pass, and when it is garbage-collected.
   */
  release(forward: LstmForwardResult): void;
  /** C = A B (+ C): element (r, c) of A is A[r * rsA + c * csA]; single-threaded, for small products (and tests). */
  sgemm(M: number, N: number, K: number, A: Float32Array, rsA: number, csA: number, B: Float32Array, rsB: number, csB: number, C: Float32Array, ldc: number, accumulate: boolean): void;
  /**
   * The native addon's only: tfjs' Adam update of one weight array — m and v in place from the gradient g, the new
   * weights (from w0) into w — in double precision, stored as float32; returns whether every new weight is finite.
   * (The WebAssembly build has none: copying the arrays into its memory would cost what the update does.)
   */
  readonly adam?: (g: Float32Array, m: Float32Array, v: Float32Array, w0: Float32Array, w: Float32Array, step: AdamStep) => boolean;
}

/** One Adam step's constants: tfjs' hyperparameters and the bias corrections c1 = 1 / (1 - beta1^t), c2 = 1 / (1 - beta2^t). */
export interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly learningRate: number;
  readonly c1: number;
  readonly c2: number;
}

/** How to load the kernels (`loadNative`, `loadWasmKernels`). */
export interface KernelOptions {
  /** Threads each call uses, the caller included: a positive integer. Default: every core (see each loader). */
  readonly threads?: number;
}

/** `threads` checked: undefined (the loader's default) or a positive integer; anything else is a RangeError. */
export function checkThreads(threads: unknown): number | undefined {
  if (threads === undefined) return undefined;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) throw new RangeError(`threads: expected a positive integer, got ${JSON.stringify(threads)}`);
  return threads;
}

/** Kernels that loaded, or why not (a sentence that says how to get them). */
export type KernelStatus = { readonly available: true; readonly kernels: FusedKernels } | { readonly available: false; readonly reason: string };

/** Keras' activation names to the kernels' codes (csrc/lstm.h). */
export const ACTIVATIONS = { tanh: 0, relu: 1 } as const;

/** Gate columns per unit of each cell. */
export const GATES = { lstm: 4, gru: 3, rnn: 1 } as const;

export const threadsLabel = (n: number): string => `${n} thread${n === 1 ? '' : 's'}`;
