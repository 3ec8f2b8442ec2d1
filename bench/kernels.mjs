// The fused kernels alone, at W1's sizes (28 steps of 28 features, 128 units): forward and backward GFLOP/s of each
// cell, in CPU time (what the process ran, so other processes on a shared machine lower it less than wall time)
// and wall time, against one core's FMA peak measured in the same run. The native addon, or the WebAssembly build
// with LSTMKIT_SKIP_NATIVE=1.
//   pnpm bench:kernels                     # LSTM, GRU, SimpleRNN; batch 128; 1 and 2 threads
//   BATCH=32 CELLS=lstm pnpm bench:kernels
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { loadWasmKernels } from '@lstmkit/native';
import { loadNative } from '@lstmkit/native/node';

const B = Number(process.env.BATCH ?? 128), T = 28, D = 28, U = Number(process.env.UNITS ?? 128), CALLS = Number(process.env.CALLS ?? 20);
const CELLS = (process.env.CELLS ?? 'lstm,gru,rnn').split(',');
const GATES = { lstm: 4, gru: 3, rnn: 1 };
const native = loadNative();
const ADDON = new URL('../packages/native/build/Release/lstmkit_native.node', import.meta.url).pathname;
const peak = native.available && existsSync(ADDON) ? createRequire(import.meta.url)(ADDON).fmaPeak(300) : 0;

let seed = 1;
const random = (n, scale = 1) => Float32Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * scale);
/** CPU milliseconds between two process.cpuUsage() readings (all threads). */
const cpuMs = (a, b) => (b.user - a.user + b.system - a.system) / 1000;

console.log(`lstmkit bench:kernels — ${new Date().toISOString().slice(0, 10)}, batch ${B}, ${T} steps x ${D} features, ${U} units, median of ${CALLS} calls; one core's FMA peak ${peak ? `${peak.toFixed(0)} GFLOP/s` : 'not measured'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${'kernel'.padEnd(40)}${'pass'.padEnd(10)}${'cpu ms'.padStart(8)}${'GFLOP/s'.padStart(9)}${'of peak'.padStart(9)}${'wall ms'.padStart(9)}`);
for (const threads of [1, 2]) {
  const k = native.available ? loadNative({ threads }).kernels : (await loadWasmKernels({ threads })).kernels;
  for (const cell of CELLS) {
    const G = GATES[cell] * U;
    const x = random(B * T * D), W = random(D * G, 0.4), R = random(U * G, 0.4), b = random(G), dH = random(B * T * U);
    const d = { batch: B, steps: T, features: D, units: U, activation: 'tanh' };
    // Multiply-adds x 2: the forward product of [x_t, h_{t-1}], and twice that backward (dx and dh, and the weights).
    const flops = { forward: 2 * B * T * (D + U) * G, backward: 4 * B * T * (D + U) * G };
    const times = { forward: [], backward: [] };
    for (let i = 0; i < CALLS + 3; i++) {
      const c0 = process.cpuUsage(), w0 = performance.now();
      const f = k[`${cell}Forward`](x, W, R, b, d);
      const c1 = process.cpuUsage(), w1 = performance.now();
      k[`${cell}Backward`](x, W, R, f, dH, d);
      const c2 = process.cpuUsage(), w2 = performance.now();
      if (i < 3) continue;
      times.forward.push([cpuMs(c0, c1), w1 - w0]);
      times.backward.push([cpuMs(c1, c2), w2 - w1]);
    }
    for (const pass of ['forward', 'backward']) {
      const sorted = (j) => times[pass].map((t) => t[j]).sort((p, q) => p - q)[CALLS >> 1];
      const cpu = sorted(0), wall = sorted(1), gflops = flops[pass] / cpu / 1e6;
      console.log(`${`${k.name.split(' (')[0]} ${cell}, ${threads} thread${threads > 1 ? 's' : ''}`.padEnd(40)}${pass.padEnd(10)}${cpu.toFixed(2).padStart(8)}${gflops.toFixed(1).padStart(9)}${(peak ? `${((gflops / peak) * 100).toFixed(0)}%` : '-').padStart(9)}${wall.toFixed(2).padStart(9)}`);
    }
  }
}
