// Loads the compiled kernels (build/Release/lstmkit_native.node) and says why when they are not there.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shape of one fused LSTM call: batch, timesteps, input features, units. */
export interface LstmDims {
  readonly batch: number;
  readonly steps: number;
  readonly features: number;
  readonly units: number;
  /** Keras' `activation` (candidate and cell output); default tanh. The gates are sigmoid. */
  readonly activation?: 'tanh' | 'relu';
}

/** The compiled addon's functions (see csrc/addon.cc). All arrays are row-major Float32Arrays. */
interface Addon {
  lstmForward(...args: (Float32Array | number)[]): void;
  lstmBackward(...args: (Float32Array | number)[]): void;
  gruForward(...args: (Float32Array | number)[]): void;
  gruBackward(...args: (Float32Array | number)[]): void;
  rnnForward(...args: (Float32Array | number)[]): void;
  rnnBackward(...args: (Float32Array | number)[]): void;
  sgemm(M: number, N: number, K: number, A: Float32Array, rsA: number, csA: number, B: Float32Array, rsB: number, csB: number, C: Float32Array, ldc: number, accumulate: boolean): void;
  simd: string;
  hardwareThreads: number;
}

/** Tensors a forward pass leaves for the backward pass. */
export interface LstmForwardResult {
  /** h at every step, [batch, steps, units]. */
  readonly h: Float32Array;
  /** Cell state at every step, [batch, steps, units]. */
  readonly c: Float32Array;
  /** Activated gates i, f, c, o at every step, [batch, steps, 4 * units]. */
  readonly gates: Float32Array;
  /** [x_t, h_{t-1}, 1] at every step, [batch, steps, features + units + 1]. */
  readonly xh: Float32Array;
}

/** The gradients a backward pass returns: for the input and for each weight. */
export interface LstmGradients {
  readonly dx: Float32Array;
  readonly dKernel: Float32Array;
  readonly dRecurrentKernel: Float32Array;
  readonly dBias: Float32Array;
}

/** What a GRU forward pass keeps for its backward pass. */
export interface GruForwardResult {
  /** h at every step, [batch, steps, units]. */
  readonly h: Float32Array;
  /** Activated z, r and candidate at every step, [batch, steps, 3 * units]. */
  readonly gates: Float32Array;
  /** [h_{t-1}, x_t, r * h_{t-1}] at every step, [batch, steps, features + 2 * units]. */
  readonly s: Float32Array;
}

/** What a SimpleRNN forward pass keeps for its backward pass. */
export interface RnnForwardResult {
  /** h at every step, [batch, steps, units]. */
  readonly h: Float32Array;
  /** [x_t, h_{t-1}, 1] at every step, [batch, steps, features + units + 1]. */
  readonly s: Float32Array;
}

/** The native kernels, once loaded. */
export interface NativeKernels {
  /** "AVX2+FMA" or "scalar" (a CPU without AVX2, or not x86-64). */
  readonly simd: string;
  /** Threads each call uses (LSTMKIT_THREADS, else every hardware thread). */
  threads: number;
  /** Whole-sequence LSTM forward (Keras layout: kernel [D, 4U], recurrent [U, 4U], bias [4U]; gates i, f, c, o). */
  lstmForward(x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array, dims: LstmDims): LstmForwardResult;
  /** Backward through time: gradients for x and the weights, given dH (gradient of the loss w.r.t. every h). */
  lstmBackward(x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, forward: LstmForwardResult, dH: Float32Array, dims: LstmDims): LstmGradients;
  /** Whole-sequence GRU forward (tfjs' layout, reset_after=false: kernel [D, 3U], recurrent [U, 3U], bias [3U]; z, r, h). */
  gruForward(x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array, dims: LstmDims): GruForwardResult;
  /** GRU backward through time (see `lstmBackward`). */
  gruBackward(x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, forward: GruForwardResult, dH: Float32Array, dims: LstmDims): LstmGradients;
  /** Whole-sequence SimpleRNN forward (Keras layout: kernel [D, U], recurrent [U, U], bias [U]). */
  rnnForward(x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array, dims: LstmDims): RnnForwardResult;
  /** SimpleRNN backward through time (see `lstmBackward`). */
  rnnBackward(x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, forward: RnnForwardResult, dH: Float32Array, dims: LstmDims): LstmGradients;
  /** C = A B (+ C): element (r, c) of A is A[r * rsA + c * csA]; exposed for tests. */
  sgemm: Addon['sgemm'];
}

/** The compiled kernels, or why they are not available here. */
export type NativeStatus = { readonly available: true; readonly kernels: NativeKernels } | { readonly available: false; readonly reason: string };

const BINARY = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'Release', 'lstmkit_native.node');

const ACTIVATIONS = { tanh: 0, relu: 1 } as const;

let status: NativeStatus | undefined;

// The forward state (c, gates, xh: ~11 MB for W1) goes back to a pool once its backward pass has run, and the
// next forward pass reuses it: fresh buffers every step cost page faults that stall both kernel threads.
// (h is not pooled: it becomes a tensor, which on tfjs' cpu backend keeps the very array.)
const pool = new Map<number, Float32Array[]>();
const consumed = new WeakSet<object>();
const POOL_PER_SIZE = 4;
function take(length: number): Float32Array {
  return pool.get(length)?.pop() ?? new Float32Array(length);
}
function give(...arrays: Float32Array[]): void {
  for (const a of arrays) {
    const free = pool.get(a.length) ?? [];
    if (free.length < POOL_PER_SIZE) free.push(a);
    pool.set(a.length, free);
  }
}

/** Loads the native kernels once; never throws. */
export function loadNative(): NativeStatus {
  status ??= load();
  return status;
}

function load(): NativeStatus {
  if (!existsSync(BINARY)) {
    return { available: false, reason: 'native kernels not compiled (needs a C++ compiler, make and python3 at install; then `npm rebuild @lstmkit/native`)' };
  }
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(BINARY) as Addon;
  } catch (e) {
    return { available: false, reason: `native kernels failed to load: ${(e as Error).message.split('\n')[0]}; rebuild with \`npm rebuild @lstmkit/native\`` };
  }
  const requested = Number(process.env.LSTMKIT_THREADS);
  const kernels: NativeKernels = {
    simd: addon.simd,
    threads: Number.isInteger(requested) && requested > 0 ? requested : Math.max(1, addon.hardwareThreads),
    lstmForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const out = { h: new Float32Array(n * d.units), c: take(n * d.units), gates: take(n * 4 * d.units), xh: take(n * (d.features + d.units + 1)) };
      addon.lstmForward(x, kernel, recurrentKernel, bias, out.h, out.c, out.gates, out.xh, d.batch, d.steps, d.features, d.units, this.threads, ACTIVATIONS[d.activation ?? 'tanh']);
      return out;
    },
    lstmBackward(_x, kernel, recurrentKernel, f, dH, d) {
      if (consumed.has(f)) throw new Error('this LSTM forward state was already used by a backward pass (its buffers are reused)');
      const g = {
        dx: new Float32Array(d.batch * d.steps * d.features),
        dKernel: new Float32Array(d.features * 4 * d.units),
        dRecurrentKernel: new Float32Array(d.units * 4 * d.units),
        dBias: new Float32Array(4 * d.units),
      };
      addon.lstmBackward(kernel, recurrentKernel, f.c, f.gates, f.xh, dH, g.dx, g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, this.threads, ACTIVATIONS[d.activation ?? 'tanh']);
      consumed.add(f);
      give(f.c, f.gates, f.xh);
      return g;
    },
    gruForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const out = { h: new Float32Array(n * d.units), gates: take(n * 3 * d.units), s: take(n * (d.features + 2 * d.units)) };
      addon.gruForward(x, kernel, recurrentKernel, bias, out.h, out.gates, out.s, d.batch, d.steps, d.features, d.units, this.threads, ACTIVATIONS[d.activation ?? 'tanh']);
      return out;
    },
    gruBackward(_x, kernel, recurrentKernel, f, dH, d) {
      if (consumed.has(f)) throw new Error('this GRU forward state was already used by a backward pass (its buffers are reused)');
      const g = {
        dx: new Float32Array(d.batch * d.steps * d.features),
        dKernel: new Float32Array(d.features * 3 * d.units),
        dRecurrentKernel: new Float32Array(d.units * 3 * d.units),
        dBias: new Float32Array(3 * d.units),
      };
      addon.gruBackward(kernel, recurrentKernel, f.gates, f.s, dH, g.dx, g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, this.threads, ACTIVATIONS[d.activation ?? 'tanh']);
      consumed.add(f);
      give(f.gates, f.s);
      return g;
    },
    rnnForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const out = { h: new Float32Array(n * d.units), s: take(n * (d.features + d.units + 1)) };
      addon.rnnForward(x, kernel, recurrentKernel, bias, out.h, out.s, d.batch, d.steps, d.features, d.units, this.threads, ACTIVATIONS[d.activation ?? 'tanh']);
      return out;
    },
    rnnBackward(_x, kernel, recurrentKernel, f, dH, d) {
      if (consumed.has(f)) throw new Error('this SimpleRNN forward state was already used by a backward pass (its buffers are reused)');
      const g = {
        dx: new Float32Array(d.batch * d.steps * d.features),
        dKernel: new Float32Array(d.features * d.units),
        dRecurrentKernel: new Float32Array(d.units * d.units),
        dBias: new Float32Array(d.units),
      };
      addon.rnnBackward(kernel, recurrentKernel, f.h, f.s, dH, g.dx, g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, this.threads, ACTIVATIONS[d.activation ?? 'tanh']);
      consumed.add(f);
      give(f.s);
      return g;
    },
    sgemm: addon.sgemm,
  };
  return { available: true, kernels };
}
