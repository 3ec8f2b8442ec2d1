import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWasmKernels, type FusedKernels } from './index.js';
import { loadNative } from './node.js';

const status = loadNative();
/** The addon's kernels on `threads` threads, each call its own kernels object (its own buffers). */
const nativeOn = (threads: number) => {
  const s = loadNative({ threads });
  return s.available ? s.kernels : undefined;
};
// CI sets LSTMKIT_REQUIRE_NATIVE=1: a build that failed is then an error, not a skip.
if (!status.available && process.env.LSTMKIT_REQUIRE_NATIVE) throw new Error(`LSTMKIT_REQUIRE_NATIVE is set but ${status.reason}`);
if (!status.available) console.warn(`skipping native-addon tests: ${status.reason}`);

// Every build of the one kernel source: the addon, and WebAssembly without (one thread, its own memory) and with
// shared memory (helper threads). The wasm builds ship prebuilt, so they always load.
const single = await loadWasmKernels({ threads: 1 });
const threaded = await loadWasmKernels({ threads: 2 });
if (!single.available || !threaded.available) throw new Error(`the WebAssembly kernels did not load: ${!single.available ? single.reason : ''} ${!threaded.available ? threaded.reason : ''}`);
const implementations: [string, FusedKernels | undefined][] = [
  ['native addon', status.available ? status.kernels : undefined],
  ['wasm, one-thread build', single.kernels],
  ['wasm, threads build', threaded.kernels],
];

const random = (n: number, seed: number) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
};

describe.each(implementations)('%s: sgemm', (_, k) => {
  // Shapes around the register tile (6 x 16) and block sizes (96 x 256 x 2048) catch edge-handling bugs.
  it.skipIf(!k).each([
    [1, 1, 1],
    [5, 17, 3],
    [6, 16, 256],
    [7, 33, 257],
    [97, 15, 300],
    [130, 2050, 9],
  ])('C = A B for M=%i N=%i K=%i, plain and transposed operands, overwrite and accumulate', (M, N, K) => {
    const A = random(M * K, M), B = random(K * N, N);
    const expected = new Float64Array(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let p = 0; p < K; p++) expected[i * N + j] += A[i * K + p]! * B[p * N + j]!;
    const At = new Float32Array(K * M);
    for (let i = 0; i < M; i++) for (let p = 0; p < K; p++) At[p * M + i] = A[i * K + p]!;
    const ldc = N + 3; // a C with padding between rows
    const C = new Float32Array(M * ldc).fill(7);
    k!.sgemm(M, N, K, At, 1, M, B, N, 1, C, ldc, false);
    const maxError = (scale: number) => {
      let worst = 0;
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) worst = Math.max(worst, Math.abs(C[i * ldc + j]! - scale * expected[i * N + j]!));
      return worst;
    };
    expect(maxError(1)).toBeLessThan(1e-5 * K);
    const padding = Array.from({ length: M - 1 }, (_, i) => Array.from(C.subarray(i * ldc + N, (i + 1) * ldc))).flat();
    expect(padding.every((v) => v === 7)).toBe(true); // the gaps between C's rows are never written
    k!.sgemm(M, N, K, A, K, 1, B, N, 1, C, ldc, true);
    expect(maxError(2)).toBeLessThan(2e-5 * K);
  });

  it.skipIf(!k)('rejects arrays too short for the shape with a TypeError naming the argument', () => {
    expect(() => k!.sgemm(4, 4, 4, new Float32Array(15), 4, 1, new Float32Array(16), 4, 1, new Float32Array(16), 4, false)).toThrow(/A has 15 elements, needs 16/);
    expect(() => k!.lstmForward(new Float32Array(3), new Float32Array(8), new Float32Array(4), new Float32Array(4), { batch: 1, steps: 2, features: 2, units: 1 })).toThrow(/x has 3 elements, needs 4/);
  });
});

const CELLS = {
  LSTM: { gates: 4, forward: 'lstmForward', backward: 'lstmBackward' },
  GRU: { gates: 3, forward: 'gruForward', backward: 'gruBackward' },
  SimpleRNN: { gates: 1, forward: 'rnnForward', backward: 'rnnBackward' },
} as const;
type CellName = keyof typeof CELLS;

/**
 * One forward and backward pass of `cell` on fixed random data (relu: an unbounded activation tests more). Over 4
 * million multiply-adds for every cell, so that the kernels split the work across threads (below, a call runs on
 * one); a batch of 30 leaves a partial 6-row tile; small recurrent weights keep relu's h from growing without bound.
 */
function pass(k: FusedKernels, cell: CellName) {
  const { gates, forward, backward } = CELLS[cell];
  const d = { batch: 30, steps: 40, features: 24, units: 48, activation: 'relu' as const };
  const G = gates * d.units, n = d.batch * d.steps;
  const scaled = (a: Float32Array, by: number) => a.map((v) => v * by);
  const x = random(n * d.features, 1), W = scaled(random(d.features * G, 2), 0.3), R = scaled(random(d.units * G, 3), 0.1), b = random(G, 4), dH = random(n * d.units, 5);
  const f = k[forward](x, W, R, b, d);
  const h = f.h.slice();
  const g = k[backward](x, W, R, f, dH, d);
  return { h, g, f, again: () => k[backward](x, W, R, f, dH, d), shortR: () => k[forward](x, W, R.subarray(1), b, d), G };
}

// The batch rows are split across threads: every row's result must not depend on which thread ran it, and the
// weight gradients (summed in per-thread blocks) only within float32 rounding. The thread count is fixed when the
// kernels are loaded: one kernels object on 1 thread, another on 2.
const byThreads: [string, FusedKernels | undefined, FusedKernels | undefined][] = [
  ['native addon', nativeOn(1), nativeOn(2)],
  ['wasm', single.kernels, threaded.kernels],
];
describe.each(byThreads)('%s with 1 and 2 threads', (_, oneThread, twoThreads) => {
  it.skipIf(!oneThread).each(Object.keys(CELLS) as CellName[])('%s: same results, and a second backward pass on one forward state is refused', (cell) => {
    expect([oneThread!.threads, twoThreads!.threads]).toEqual([1, 2]);
    const one = pass(oneThread!, cell), two = pass(twoThreads!, cell);
    expect(Array.from(two.h)).toEqual(Array.from(one.h));
    expect(Array.from(two.g.dx)).toEqual(Array.from(one.g.dx));
    for (const key of ['dKernel', 'dRecurrentKernel', 'dBias'] as const) {
      two.g[key].forEach((v: number, i: number) => expect(Math.abs(v - one.g[key][i]!)).toBeLessThan(1e-5));
    }
    expect(two.again).toThrow(/already used by a backward pass/);
    expect(two.shortR).toThrow(new RegExp(`recurrentKernel has ${48 * two.G - 1} elements, needs ${48 * two.G}`));
  });
});

describe.each(implementations)('%s: a first layer\'s backward pass (inputGradient: false)', (_, k) => {
  it.skipIf(!k).each(Object.keys(CELLS) as CellName[])('%s: skips dx and gives the same weight gradients, bit for bit', (cell) => {
    const full = pass(k!, cell);
    const { forward, backward } = CELLS[cell];
    const d = { batch: 30, steps: 40, features: 24, units: 48, activation: 'relu' as const };
    const G = CELLS[cell].gates * d.units, n = d.batch * d.steps;
    const scaled = (a: Float32Array, by: number) => a.map((v) => v * by);
    const x = random(n * d.features, 1), W = scaled(random(d.features * G, 2), 0.3), R = scaled(random(d.units * G, 3), 0.1), b = random(G, 4), dH = random(n * d.units, 5);
    const g = k![backward](x, W, R, k![forward](x, W, R, b, d), dH, { ...d, inputGradient: false });
    expect(g.dx.length).toBe(0);
    for (const key of ['dKernel', 'dRecurrentKernel', 'dBias'] as const) expect(Array.from(g[key])).toEqual(Array.from(full.g[key]));
  });
});

describe('native addon: adam', () => {
  it.skipIf(!status.available)('updates m, v and the weights as tfjs\' Adam formula in double precision, and flags a non-finite weight', () => {
    const k = status.available ? status.kernels : undefined;
    const n = 1037, step = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.01, c1: 1 / (1 - 0.9 ** 3), c2: 1 / (1 - 0.999 ** 3) };
    const g = random(n, 11), m = random(n, 12).map((v) => v * 0.1), v = random(n, 13).map((x) => x * x), w0 = random(n, 14);
    const [m2, v2, w] = [m.slice(), v.slice(), new Float32Array(n)];
    expect(k!.adam!(g, m2, v2, w0, w, step)).toBe(true);
    for (let j = 0; j < n; j++) {
      const mj = m[j]! * step.beta1 + g[j]! * (1 - step.beta1), vj = v[j]! * step.beta2 + g[j]! * g[j]! * (1 - step.beta2);
      expect(m2[j]).toBeCloseTo(mj, 7);
      expect(v2[j]).toBeCloseTo(vj, 7);
      expect(w[j]).toBeCloseTo(w0[j]! - (step.learningRate * mj * step.c1) / (Math.sqrt(vj * step.c2) + step.epsilon), 6);
    }
    g[500] = NaN;
    expect(k!.adam!(g, m2, v2, w0, w, step)).toBe(false);
    expect(() => k!.adam!(g, m2.subarray(1), v2, w0, w, step)).toThrow(/m has 1036 elements, needs 1037/);
  });
});

// One source, three builds: the WebAssembly builds agree with each other exactly (same code, same rounding), and
// with the addon within float32 rounding (AVX2 fuses multiply and add; SIMD128 rounds twice).
describe('the builds agree', () => {
  it.each(Object.keys(CELLS) as CellName[])('%s: wasm one-thread and threads builds bit for bit, and the native addon within 1e-5', (cell) => {
    const a = pass(single.kernels, cell), b = pass(threaded.kernels, cell);
    expect(Array.from(b.h)).toEqual(Array.from(a.h));
    expect(Array.from(b.g.dx)).toEqual(Array.from(a.g.dx));
    if (!status.available) return;
    const n = pass(nativeOn(2)!, cell);
    const close = (x: Float32Array, y: Float32Array) => x.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))));
    close(n.h, a.h);
    for (const key of ['dx', 'dKernel', 'dRecurrentKernel', 'dBias'] as const) close(n.g[key], a.g[key]);
  });

  it('names say which build runs, with how many threads', () => {
    expect(single.kernels.name).toBe('wasm SIMD128 (1 thread: asked for 1)');
    expect(threaded.kernels.name).toBe('wasm SIMD128 (2 threads)');
    if (status.available) expect(status.kernels.name).toMatch(/^native C\+\+ \((AVX2\+FMA|scalar), \d+ threads?\)$/);
    if (status.available) expect(nativeOn(3)!.name).toMatch(/^native C\+\+ \((AVX2\+FMA|scalar), 3 threads\)$/);
  });
});

describe('loading options', () => {
  it('threads is given when the kernels load, read-only after, and must be a positive integer', async () => {
    const k = (await loadWasmKernels({ threads: 2 })) as { kernels: FusedKernels };
    expect(k.kernels.threads).toBe(2);
    expect(() => Object.assign(k.kernels, { threads: 1 })).toThrow(TypeError); // frozen
    for (const bad of [0, 1.5, -2, '2']) {
      expect(() => loadWasmKernels({ threads: bad as number })).toThrow(`threads: expected a positive integer, got ${JSON.stringify(bad)}`);
      expect(() => loadNative({ threads: bad as number })).toThrow(RangeError);
    }
  });

  it.skipIf(!status.available)('two native kernels objects do not share buffers: one never frees or reuses the other\'s forward state', () => {
    const a = nativeOn(1)!, b = nativeOn(1)!;
    const d = { batch: 2, steps: 3, features: 4, units: 5 };
    const x = random(2 * 3 * 4, 1), W = random(4 * 20, 2), R = random(5 * 20, 3), bias = random(20, 4), dH = random(2 * 3 * 5, 5);
    const kept = a.lstmForward(x, W, R, bias, d);
    b.release(kept); // not b's: left alone
    b.lstmBackward(x, W, R, b.lstmForward(x, W, R, bias, d), dH, d); // b's own pool takes and gives back
    expect(() => b.lstmBackward(x, W, R, kept, dH, d)).toThrow(/comes from other kernels/);
    // a's state is intact: its backward pass gives what a fresh forward and backward pass give.
    const g = a.lstmBackward(x, W, R, kept, dH, d);
    const fresh = a.lstmBackward(x, W, R, a.lstmForward(x, W, R, bias, d), dH, d);
    expect(Array.from(g.dKernel)).toEqual(Array.from(fresh.dKernel));
    expect(g.dKernel.some((v) => v !== 0)).toBe(true);
  });
});

describe('the committed WebAssembly builds', () => {
  it('were built from the current C++ sources (wasm/build.json records their hash; CI also rebuilds them and compares the bytes)', () => {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url)), '--verify'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('native addon: fmaPeak', () => {
  // bench:train sets the achieved GFLOP/s of a training step against it.
  it.skipIf(!status.available)('measures one core\'s FMA peak in GFLOP/s (0 without AVX2+FMA), and checks its argument', () => {
    const addon = createRequire(import.meta.url)(fileURLToPath(new URL('../build/Release/lstmkit_native.node', import.meta.url))) as { fmaPeak(ms: number): number; simd: string };
    const peak = addon.fmaPeak(20);
    if (addon.simd === 'AVX2+FMA') expect(peak).toBeGreaterThan(1);
    else expect(peak).toBe(0);
    expect(() => addon.fmaPeak(0)).toThrow(/milliseconds must be a positive integer/);
  });
});
