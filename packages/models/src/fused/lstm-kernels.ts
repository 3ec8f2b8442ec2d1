// Registry of host (CPU-memory) kernels that run a whole LSTM sequence in one call. @lstmkit/models has no
// compiled code of its own: @lstmkit/trainer registers @lstmkit/native's kernels here when they load (the native
// addon in Node, else their WebAssembly build, also in browsers) and, on webgpu, its WGSL kernels; with none
// registered for a backend, tfjs-layers' LSTM is used. A kernel's functions take host arrays (Float32Array) or,
// for a kernel that runs on the backend's own memory (WGSL on webgpu), the tensors themselves: the same functions
// either way.

import type { tf } from '../tf.js';

import type { RecurrentDims } from '@lstmkit/plugin';

export type { RecurrentDims };
/** @deprecated use RecurrentDims (the same shape serves LSTM, GRU and SimpleRNN) */
export type LstmDims = RecurrentDims;

/** What the forward pass returns: h at every step, [batch, steps, units], plus whatever the kernel keeps for its backward pass. */
export interface LstmForwardState<A = Float32Array> {
  readonly h: A;
}

/** A whole-sequence forward pass: h at every step (plus what its backward pass needs). */
export type SequenceForward<A = Float32Array> = (x: A, kernel: A, recurrentKernel: A, bias: A, dims: RecurrentDims) => LstmForwardState<A>;
/**
 * Its backward pass through time: gradients for x and the weights, given dH (the gradient w.r.t. every h). With
 * `dims.inputGradient` false a kernel may return an empty dx.
 */
export type SequenceBackward<A = Float32Array> = (
  x: A,
  kernel: A,
  recurrentKernel: A,
  forward: LstmForwardState<A>,
  dH: A,
  dims: RecurrentDims,
) => { dx: A; dKernel: A; dRecurrentKernel: A; dBias: A };

/**
 * A whole-sequence LSTM on host memory, with Keras' layout (kernel [D, 4U], recurrent kernel [U, 4U], bias [4U],
 * gates i, f, c, o, sigmoid gates and tanh or relu), zero initial state, outputs h at every step; optionally a GRU
 * too (tfjs' reset_after=false: kernel [D, 3U], recurrent [U, 3U], bias [3U], gates z, r, h) and a SimpleRNN
 * (kernel [D, U], recurrent [U, U], bias [U]).
 */
export interface HostRecurrentKernel<A = Float32Array> {
  /** Shown to users, e.g. "native C++ (AVX2+FMA, 2 threads)", "wasm SIMD128 (2 threads)" or "WGSL on webgpu". */
  readonly name: string;
  /** Shown to users: why this implementation runs, e.g. "the native addon did not compile at install (…)". */
  readonly note?: string;
  /** tfjs backends whose tensors live in host memory, where calling this kernel costs only a copy. */
  readonly backends: readonly string[];
  /** Omitted for host arrays; 'tensors' for a kernel on the backend's own tensors (see TensorLstmKernel). */
  readonly memory?: A extends Float32Array ? 'host' : 'tensors';
  readonly lstmForward: SequenceForward<A>;
  readonly lstmBackward: SequenceBackward<A>;
  readonly gruForward?: SequenceForward<A>;
  readonly gruBackward?: SequenceBackward<A>;
  readonly rnnForward?: SequenceForward<A>;
  readonly rnnBackward?: SequenceBackward<A>;
  /** Frees what a forward state keeps for its backward pass, when none will run (inference). */
  readonly release?: (forward: LstmForwardState<A>) => void;
  /**
   * Optional, host arrays only: C [M, N] (rows ldc apart) = A B (+ C if accumulate), element (r, c) of A at
   * A[r * rsA + c * csA] and of B at B[r * rsB + c * csB]. The trainer's host step runs its Dense head's products
   * on it (three small products in microseconds rather than JavaScript loops).
   */
  readonly sgemm?: Sgemm;
}

/** C = A B (+ C) on strided host arrays (see HostRecurrentKernel.sgemm). */
export type Sgemm = (M: number, N: number, K: number, A: Float32Array, rsA: number, csA: number, B: Float32Array, rsB: number, csB: number, C: Float32Array, ldc: number, accumulate: boolean) => void;

/**
 * The same kernel on the backend's own tensors (e.g. WGSL compute shaders on webgpu), never read back to the
 * host: its functions take and return tensors of the shapes above, and every tensor of its forward state is kept
 * for the backward pass. `backends` are the backends whose tensors it takes.
 */
export interface TensorLstmKernel extends HostRecurrentKernel<tf.Tensor> {
  readonly memory: 'tensors';
}

/** A fused recurrent kernel of either kind. */
export type LstmKernel = HostRecurrentKernel | TensorLstmKernel;

const kernels: LstmKernel[] = [];
const NONE = 'no fused recurrent kernel registered (importing @lstmkit/trainer registers @lstmkit/native\'s; or registerRecurrentKernel)';
let noKernel = NONE;

/** Adds a fused recurrent kernel (the most recently registered one wins for a backend). */
export function registerRecurrentKernel(kernel: LstmKernel): void {
  const i = kernels.findIndex((k) => k.name === kernel.name);
  if (i >= 0) kernels.splice(i, 1);
  kernels.unshift(kernel);
}

/**
 * Says why no kernel is registered (e.g. "still loading", or why both builds of @lstmkit/native failed), for
 * lstmKernelFor and the layers' fusedPlan to report; undefined restores the default sentence.
 */
export function setNoLstmKernelReason(reason: string | undefined): void {
  noKernel = reason ?? NONE;
}

/**
 * The kernel fused LSTM, GRU and SimpleRNN layers use on `backend`, or why there is none. (Whether a layer uses it
 * is the layer's own `fused` option, not a setting of the process.)
 */
export function lstmKernelFor(backend: string): { kernel: LstmKernel } | { reason: string } {
  const kernel = kernels.find((k) => k.backends.includes(backend));
  if (kernel) return { kernel };
  return kernels.length === 0
    ? { reason: noKernel }
    : { reason: `the fused kernels run on ${[...new Set(kernels.flatMap((k) => k.backends))].join('/')} tensors, not ${backend}` };
}

/** @deprecated use HostRecurrentKernel (the same contract serves LSTM, GRU and SimpleRNN) */
export type HostLstmKernel<A = Float32Array> = HostRecurrentKernel<A>;
/** @deprecated use registerRecurrentKernel (it registers the LSTM, GRU and SimpleRNN kernels) */
export const registerLstmKernel = registerRecurrentKernel;
