// Registry of host (CPU-memory) kernels that run a whole LSTM sequence in one call. @lstmkit/models has no
// compiled code of its own: @lstmkit/trainer registers @lstmkit/native's kernels here when they load (the native
// addon in Node, else their WebAssembly build, also in browsers), so this package stays pure TypeScript; with
// none registered, tfjs-layers' LSTM is used.

/** Sizes of one call: batch, timesteps, input features, units. */
export interface LstmDims {
  readonly batch: number;
  readonly steps: number;
  readonly features: number;
  readonly units: number;
  /** Keras' `activation` (candidate and cell output); default tanh. The gates are sigmoid. */
  readonly activation?: 'tanh' | 'relu';
}

/** What the forward pass returns: h at every step, [batch, steps, units], plus whatever the kernel keeps for its backward pass. */
export interface LstmForwardState {
  readonly h: Float32Array;
}

/** A whole-sequence forward pass: h at every step (plus what its backward pass needs). */
export type SequenceForward = (x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array, dims: LstmDims) => LstmForwardState;
/** Its backward pass through time: gradients for x and the weights, given dH (the gradient w.r.t. every h). */
export type SequenceBackward = (
  x: Float32Array,
  kernel: Float32Array,
  recurrentKernel: Float32Array,
  forward: LstmForwardState,
  dH: Float32Array,
  dims: LstmDims,
) => { dx: Float32Array; dKernel: Float32Array; dRecurrentKernel: Float32Array; dBias: Float32Array };

/**
 * A whole-sequence LSTM on host memory, with Keras' layout (kernel [D, 4U], recurrent kernel [U, 4U], bias [4U],
 * gates i, f, c, o, sigmoid gates and tanh or relu), zero initial state, outputs h at every step; optionally a GRU
 * too (tfjs' reset_after=false: kernel [D, 3U], recurrent [U, 3U], bias [3U], gates z, r, h) and a SimpleRNN
 * (kernel [D, U], recurrent [U, U], bias [U]).
 */
export interface HostLstmKernel {
  /** Shown to users, e.g. "native C++ (AVX2+FMA, 2 threads)" or "wasm SIMD128 (2 threads)". */
  readonly name: string;
  /** Shown to users: why this implementation runs, e.g. "the native addon did not compile at install (…)". */
  readonly note?: string;
  /** tfjs backends whose tensors live in host memory, where calling this kernel costs only a copy. */
  readonly backends: readonly string[];
  readonly lstmForward: SequenceForward;
  readonly lstmBackward: SequenceBackward;
  readonly gruForward?: SequenceForward;
  readonly gruBackward?: SequenceBackward;
  readonly rnnForward?: SequenceForward;
  readonly rnnBackward?: SequenceBackward;
  /** Frees what a forward state keeps for its backward pass, when none will run (inference). */
  readonly release?: (forward: LstmForwardState) => void;
}

const kernels: HostLstmKernel[] = [];
let enabled = true;
const NONE = 'no fused recurrent kernel registered (importing @lstmkit/trainer registers @lstmkit/native\'s; or registerLstmKernel)';
let noKernel = NONE;

/** Adds a host LSTM kernel (the most recently registered one wins for a backend). */
export function registerLstmKernel(kernel: HostLstmKernel): void {
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

/** Turns the fused path on or off (off: every LSTM runs tfjs-layers' own step-by-step code). */
export function setFusedLstm(on: boolean): void {
  enabled = on;
}

/** The kernel fused LSTM, GRU and SimpleRNN layers use on `backend`, or why there is none. */
export function lstmKernelFor(backend: string): { kernel: HostLstmKernel } | { reason: string } {
  if (!enabled) return { reason: 'fused kernels turned off' };
  const kernel = kernels.find((k) => k.backends.includes(backend));
  if (kernel) return { kernel };
  return kernels.length === 0
    ? { reason: noKernel }
    : { reason: `the fused kernels run on ${[...new Set(kernels.flatMap((k) => k.backends))].join('/')} tensors, not ${backend}` };
}
