// Loads the compiled addon (build/Release/lstmkit_native.node) and says why when it is not there, from the record
// the install script saved (scripts/build-native.mjs): npm hides install output, so this is where a user learns it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIVATIONS, threadsLabel, type FusedKernels, type KernelStatus, type LstmForwardResult } from './kernels.js';

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
  lstmBackward(kernel: F, recurrentKernel: F, c: F, gates: F, xh: F, dH: F, dx: F, dKernel: F, dRecurrentKernel: F, dBias: F, ...sizes: Sizes): void;
  gruForward(x: F, kernel: F, recurrentKernel: F, bias: F, h: F, gates: F, s: F, ...sizes: Sizes): void;
  gruBackward(kernel: F, recurrentKernel: F, gates: F, s: F, dH: F, dx: F, dKernel: F, dRecurrentKernel: F, dBias: F, ...sizes: Sizes): void;
  rnnForward(x: F, kernel: F, recurrentKernel: F, bias: F, h: F, s: F, ...sizes: Sizes): void;
  rnnBackward(kernel: F, recurrentKernel: F, h: F, s: F, dH: F, dx: F, dKernel: F, dRecurrentKernel: F, dBias: F, ...sizes: Sizes): void;
  sgemm: FusedKernels['sgemm'];
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

// The forward state (c, gates, xh: ~11 MB for W1) goes back to a pool once its backward pass has run, and the
// next forward pass reuses it: fresh buffers every step cost page faults that stall both kernel threads.
// (h is not pooled: it becomes a tensor, which on tfjs' cpu backend keeps the very array.)
const pool = new Map<number, Float32Array[]>();
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

/** Each forward pass's kept arrays, until its backward pass (or release) gives them back to the pool. */
const keptBy = new WeakMap<LstmForwardResult, Float32Array[]>();
function keep(h: Float32Array, kept: Float32Array[]): LstmForwardResult {
  const f = { h };
  keptBy.set(f, kept);
  return f;
}
function consume(f: LstmForwardResult, cell: string): Float32Array[] {
  const kept = keptBy.get(f);
  if (!kept) throw new Error(`this ${cell} forward state was already used by a backward pass (its buffers are reused)`);
  keptBy.delete(f);
  return kept;
}

let status: KernelStatus | undefined;
let warned = false;

/**
 * Loads the native kernels once; never throws. When the addon failed to compile at install, the first call
 * prints why and how to fix it, once (install scripts' output is hidden by npm).
 */
export function loadNative(): KernelStatus {
  status ??= load();
  if (!status.available && !warned) {
    warned = true;
    const why = whyNoAddon();
    if (why.failed) console.warn(`@lstmkit/native: ${why.reason}. lstmkit uses the WebAssembly build of the same kernels meanwhile.`);
  }
  return status;
}

function load(): KernelStatus {
  if (process.env.LSTMKIT_SKIP_NATIVE || !existsSync(BINARY)) return { available: false, reason: whyNoAddon().reason };
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(BINARY) as Addon;
  } catch (e) {
    return { available: false, reason: `the native addon failed to load: ${(e as Error).message.split('\n')[0]}; rebuild it with \`npm rebuild @lstmkit/native\`` };
  }
  const requested = Number(process.env.LSTMKIT_THREADS);
  const act = (d: { activation?: 'tanh' | 'relu' }) => ACTIVATIONS[d.activation ?? 'tanh'];
  const kernels: FusedKernels = {
    get name() {
      return `native C++ (${addon.simd}, ${threadsLabel(this.threads)})`;
    },
    simd: addon.simd,
    threads: Number.isInteger(requested) && requested > 0 ? requested : Math.max(1, addon.hardwareThreads),
    lstmForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const h = new Float32Array(n * d.units), c = take(n * d.units), gates = take(n * 4 * d.units), xh = take(n * (d.features + d.units + 1));
      addon.lstmForward(x, kernel, recurrentKernel, bias, h, c, gates, xh, d.batch, d.steps, d.features, d.units, this.threads, act(d));
      return keep(h, [c, gates, xh]);
    },
    lstmBackward(_x, kernel, recurrentKernel, f, dH, d) {
      const [c, gates, xh] = consume(f, 'LSTM');
      const g = gradients(d, 4);
      addon.lstmBackward(kernel, recurrentKernel, c, gates, xh, dH, g.dx, g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, this.threads, act(d));
      give(c, gates, xh);
      return g;
    },
    gruForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const h = new Float32Array(n * d.units), gates = take(n * 3 * d.units), s = take(n * (d.features + 2 * d.units));
      addon.gruForward(x, kernel, recurrentKernel, bias, h, gates, s, d.batch, d.steps, d.features, d.units, this.threads, act(d));
      return keep(h, [gates, s]);
    },
    gruBackward(_x, kernel, recurrentKernel, f, dH, d) {
      const [gates, s] = consume(f, 'GRU');
      const g = gradients(d, 3);
      addon.gruBackward(kernel, recurrentKernel, gates, s, dH, g.dx, g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, this.threads, act(d));
      give(gates, s);
      return g;
    },
    rnnForward(x, kernel, recurrentKernel, bias, d) {
      const n = d.batch * d.steps;
      const h = new Float32Array(n * d.units), s = take(n * (d.features + d.units + 1));
      addon.rnnForward(x, kernel, recurrentKernel, bias, h, s, d.batch, d.steps, d.features, d.units, this.threads, act(d));
      return keep(h, [s]);
    },
    rnnBackward(_x, kernel, recurrentKernel, f, dH, d) {
      const [s] = consume(f, 'SimpleRNN');
      const g = gradients(d, 1);
      addon.rnnBackward(kernel, recurrentKernel, f.h, s, dH, g.dx, g.dKernel, g.dRecurrentKernel, g.dBias, d.batch, d.steps, d.features, d.units, this.threads, act(d));
      give(s);
      return g;
    },
    release(f) {
      const kept = keptBy.get(f);
      keptBy.delete(f);
      if (kept) give(...kept);
    },
    sgemm: addon.sgemm,
  };
  return { available: true, kernels };
}

function gradients(d: { batch: number; steps: number; features: number; units: number }, gates: number) {
  return {
    dx: new Float32Array(d.batch * d.steps * d.features),
    dKernel: new Float32Array(d.features * gates * d.units),
    dRecurrentKernel: new Float32Array(d.units * gates * d.units),
    dBias: new Float32Array(gates * d.units),
  };
}
