// Loads the compiled addon (build/Release/lstmkit_native.node) and says why when it is not there, from the record
// the install script saved (scripts/build-native.mjs): npm hides install output, so this is where a user learns it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIVATIONS, checkThreads, threadsLabel, type FusedKernels, type KernelOptions, type KernelStatus, type LstmForwardResult, type RecurrentDims } from './kernels.js';

type F = Float32Array;
/** What every recurrent call ends with: its sizes, its threads, and Keras' activation (0 tanh, 1 relu). */
type Sizes = [batch: number, steps: number, features: number, units: number, threads: number, activation: number];

/**
 * The compiled addon's exports (csrc/addon.cc), argument by argument. The forward passes fill h and the state they
 * keep for the backward pass (LSTM: c, gates, xh; GRU: gates, s; SimpleRNN: s); the backward passes fill dx and the
 * weights' gradients. The addon checks each array's type and length and throws a TypeError naming the argument.
 */
interface Addon {
  lstmForward(x: F, kernel: F, recurrentKernel: F, bias: F, h: F, c: F, gates: F, xh: F, ...sizes: Sizes): void;
  lstmBackward(kernel: F, recurrentKernel: F, c: F, gates: F, xh: F, dH: F, dx: F | null, dKernel: F, dRecurrentKernel: F, dBias: F, ...sizes: Sizes): void;
  gruForward(x: F, kernel: F, recurrentKernel: F, bias: F, h: F, gates: F, s: F, ...sizes: Sizes): void;
  gruBackward(kernel: F, recurrentKernel: F, gates: F, s: F, dH: F, dx: F | null, dKernel: F, dRecurrentKernel: F, dBias: F, ...sizes: Sizes): void;
  rnnForward(x: F, kernel: F, recurrentKernel: F, bias: F, h: F, s: F, ...sizes: Sizes): void;
  rnnBackward(kernel: F, recurrentKernel: F, h: F, s: F, dH: F, dx: F | null, dKernel: F, dRecurrentKernel: F, dBias: F, ...sizes: Sizes): void;
  sgemm: FusedKernels['sgemm'];
  adam(g: F, m: F, v: F, w0: F, w: F, beta1: number, beta2: number, epsilon: number, learningRate: number, c1: number, c2: number): boolean;
  /** This core's measured peak FMA rate in GFLOP/s, over about `milliseconds` (benchmarks' roofline). */
  fmaPeak(milliseconds: number): number;
  /** The SIMD the kernels were compiled for, e.g. "AVX2+FMA". */
  simd: string;
  hardwareThreads: number;
}

/** What the install script saved in build/native-build.json. */
interface BuildRecord {
  ok: boolean;
  skipped?: boolean;
  reason?: string;
  log?: string;
}

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const BINARY = join(PACKAGE, 'build', 'Release', 'lstmkit_native.node');
const RECORD = join(PACKAGE, 'build', 'native-build.json');
const HOW = 'install a C++17 compiler, make and python3, then run `npm rebuild @lstmkit/native`';

/** Why the addon is absent, and whether that is a failure the user should hear about (not a choice they made). */
export function whyNoAddon(): { reason: string; failed: boolean; log?: string } {
  if (process.env.LSTMKIT_SKIP_NATIVE) return { reason: 'LSTMKIT_SKIP_NATIVE is set', failed: false };
  let record: BuildRecord | undefined;
  try {
    record = JSON.parse(readFileSync(RECORD, 'utf8')) as BuildRecord;
  } catch {
    record = undefined;
  }
  if (!record) {
    return {
      reason: `the native addon was never built: its install script did not run (npm --ignore-scripts, npm's allowScripts or pnpm's onlyBuiltDependencies; see @lstmkit/native's README); to build it: ${HOW}`,
      failed: true,
    };
  }
  if (record.skipped) return { reason: `the native addon was not built: ${record.reason}`, failed: false };
  if (record.ok) return { reason: `the native addon was built but ${BINARY} is missing; ${HOW}`, failed: true };
  return { reason: `the native addon did not compile at install (${record.reason}); to get it: ${HOW}; the compiler's output is in ${RECORD}`, failed: true, log: record.log };
}

/**
 * Arrays by length, for reuse. The forward state (c, gates, xh: ~11 MB for W1) goes back to the pool once its
 * backward pass has run, and the next forward pass reuses it: fresh buffers every step cost page faults that stall
 * both kernel threads. (h is not pooled: it becomes a tensor, which on tfjs' cpu backend keeps the very array.)
 * Each loaded kernels object has its own pool, so two of them never hand each other's buffers out.
 */
class BufferPool {
  private static readonly PER_SIZE = 4;
  private readonly free = new Map<number, Float32Array[]>();
  /** Each forward state's kept arrays, until its backward pass (or release) gives them back. */
  private readonly kept = new WeakMap<LstmForwardResult, Float32Array[]>();

  take(length: number): Float32Array {
    return this.free.get(length)?.pop() ?? new Float32Array(length);
  }

  give(...arrays: Float32Array[]): void {
    for (const a of arrays) {
      const free = this.free.get(a.length) ?? [];
      if (free.length < BufferPool.PER_SIZE) free.push(a);
      this.free.set(a.length, free);
    }
  }

  /** A forward state: h, and the arrays its backward pass will read. */
  keep(h: Float32Array, kept: Float32Array[]): LstmForwardResult {
    const f = { h };
    this.kept.set(f, kept);
    return f;
  }

  /** The arrays a forward state kept, for its one backward pass. */
  consume(f: LstmForwardResult, cell: string): Float32Array[] {
    const kept = this.kept.get(f);
    if (!kept) throw new Error(`this ${cell} forward state was already used by a backward pass (its buffers are reused), or comes from other kernels`);
    this.kept.delete(f);
    return kept;
  }

  /** Gives a forward state's arrays back without a backward pass (inference); a state of other kernels is left alone. */
  release(f: LstmForwardResult): void {
    const kept = this.kept.get(f);
    this.kept.delete(f);
    if (kept) this.give(...kept);
  }
}

/** Options of the native kernels. */
export type NativeKernelOptions = KernelOptions;

// The addon is opened once per process (Node keeps a loaded addon anyway); the kernels objects over it are not shared.
let opened: { addon: Addon } | { reason: string } | undefined;
let warned = false;

/**
 * The native kernels with their own `threads` (default: every hardware thread) and buffers, or why there are none;
 * never throws for a missing or broken addon (a bad `threads` is a RangeError). When the addon failed to compile at
 * install, the first call prints why and how to fix it, once (install scripts' output is hidden by npm).
 */
export function loadNative(options: NativeKernelOptions = {}): KernelStatus {
  const threads = checkThreads(options.threads);
  opened ??= open();
  if ('addon' in opened) return { available: true, kernels: nativeKernels(opened.addon, threads ?? Math.max(1, opened.addon.hardwareThreads)) };
  if (!warned) {
    warned = true;
    const why = whyNoAddon();
    if (why.failed) console.warn(`@lstmkit/native: ${why.reason}. lstmkit uses the WebAssembly build of the same kernels meanwhile.`);
  }
  return { available: false, reason: opened.reason };
}

function open(): { addon: Addon } | { reason: string } {
  if (process.env.LSTMKIT_SKIP_NATIVE || !existsSync(BINARY)) return { reason: whyNoAddon().reason };
  try {
    return { addon: createRequire(import.meta.url)(BINARY) as Addon };
  } catch (e) {
    return { reason: `the native addon failed to load: ${(e as Error).message.split('\n')[0]}; rebuild it with \`npm rebuild @lstmkit/native\`` };
  }
}

/** The addon's kernels on `threads` threads, with a buffer pool of their own. */
function nativeKernels(addon: Addon, threads: number): FusedKernels {
  const pool = new BufferPool();
  const act = (d: { activation?: 'tanh' | 'relu' }) => ACTIVATIONS[d.activation ?? 'tanh'];
  return Object.freeze({
    name: `native C++ (${addon.simd}, ${threadsLabel(threads)})`,
    simd: addon.simd,
    threads,
    lstmForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const h = new Float32Array(n * d.units), c = pool.take(n * d.units), gates = pool.take(n * 4 * d.units), xh = pool.take(n * (d.features + d.units + 1));
      addon.lstmForward(x, kernel, recurrentKernel, bias, h, c, gates, xh, d.batch, d.steps, d.features, d.units, threads, act(d));
      return pool.keep(h, [c, gates, xh]);
    },
    lstmBackward(_x, kernel, recurrentKernel, f, dH, d) {
      const [c, gates, xh] = pool.consume(f, 'LSTM');
      const g = gradients(d, 4);
      addon.lstmBackward(kernel, recurrentKernel, c, gates, xh, dH, orNull(g.dx), g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, threads, act(d));
      pool.give(c, gates, xh);
      return g;
    },
    gruForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const h = new Float32Array(n * d.units), gates = pool.take(n * 3 * d.units), s = pool.take(n * (d.features + 2 * d.units));
      addon.gruForward(x, kernel, recurrentKernel, bias, h, gates, s, d.batch, d.steps, d.features, d.units, threads, act(d));
      return pool.keep(h, [gates, s]);
    },
    gruBackward(_x, kernel, recurrentKernel, f, dH, d) {
      const [gates, s] = pool.consume(f, 'GRU');
      const g = gradients(d, 3);
      addon.gruBackward(kernel, recurrentKernel, gates, s, dH, orNull(g.dx), g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, threads, act(d));
      pool.give(gates, s);
      return g;
    },
    rnnForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const h = new Float32Array(n * d.units), s = pool.take(n * (d.features + d.units + 1));
      addon.rnnForward(x, kernel, recurrentKernel, bias, h, s, d.batch, d.steps, d.features, d.units, threads, act(d));
      return pool.keep(h, [s]);
    },
    rnnBackward(_x, kernel, recurrentKernel, f, dH, d) {
      const [s] = pool.consume(f, 'SimpleRNN');
      const g = gradients(d, 1);
      addon.rnnBackward(kernel, recurrentKernel, f.h, s, dH, orNull(g.dx), g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, threads, act(d));
      pool.give(s);
      return g;
    },
    release: (f) => pool.release(f),
    sgemm: addon.sgemm,
    adam: (g, m, v, w0, w, s) => addon.adam(g, m, v, w0, w, s.beta1, s.beta2, s.epsilon, s.learningRate, s.c1, s.c2),
  } satisfies FusedKernels);
}

const orNull = (a: Float32Array) => (a.length > 0 ? a : null);

// dx is empty when the caller wants none (the addon then skips it).
function gradients(d: RecurrentDims, gates: number) {
  return {
    dx: new Float32Array(d.inputGradient === false ? 0 : d.batch * d.steps * d.features),
    dKernel: new Float32Array(d.features * gates * d.units),
    dRecurrentKernel: new Float32Array(d.units * gates * d.units),
    dBias: new Float32Array(gates * d.units),
  };
}
