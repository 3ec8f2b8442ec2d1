// Training speed of the reference model W1 (LSTM(128) on 28x28 MNIST rows -> Dense(10), Adam), its GRU and
// bidirectional variants and W4's SimpleRNN(32, relu) baseline (batch 32): stock tfjs-layers, lstmkit's trainer
// on every available backend with the fused kernels' native addon and their WebAssembly build (1 and 2 threads,
// as in Node without the addon), and PyTorch CPU
// (Debian python3-torch + OpenBLAS), on the same digits, one engine per child process, in one command.
//   pnpm bench:train                 # the full table (~5 min on 2 cores)
//   QUICK=1 pnpm bench:train         # W1 at batch 128 only
//   MODELS=rnn,gru pnpm bench:train  # only these models' tables (vanilla, gru, bidirectional, rnn)
//   BACKENDS=wasm,cpu pnpm bench:train  # only these of the available backends (webgpu on SwiftShader takes minutes)
//   BENCH_DATA=dir pnpm bench:train  # keep the digits given to PyTorch in dir (default: a temporary folder)
//   ROUNDS=3 pnpm bench:train        # every row 3 times, in rounds; each figure is the median (for noisy machines)
// Prints median ms/step, samples/s, s per 60,000-sample epoch, peak RSS, the ratios to PyTorch with 1 and with 2
// threads (compare with the faster: for tiny models PyTorch's 2 threads win) and to lstmkit's native addon, the
// achieved GFLOP/s of the step's arithmetic, and test accuracy after ACC_EPOCHS epochs on the 8,000 embedded
// digits. The header gives the machine's load average: on a shared machine only ratios within one run count.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { probeBackends } from '@lstmkit/trainer';
import { EPOCH, kernelShort, runEngine, torchMissing, writeDigits } from './engines.mjs';

const QUICK = Boolean(process.env.QUICK);
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 1));
const ACC_EPOCHS = Number(process.env.ACC_EPOCHS ?? 2);
const STEPS = { fast: 40, slow: 8, stock: 5, webgpu: 3 };

// The same digits for PyTorch, as raw files.
const data = await writeDigits();
const missingTorch = torchMissing();
const only = process.env.BACKENDS?.split(',');
const backends = (await probeBackends()).filter((b) => b.available && (!only || only.includes(b.name))).map((b) => b.name);
const run = (row) => runEngine(row, data);
// The fused kernels' WebAssembly build, as Node runs it without the addon (no compiler, --ignore-scripts).
const WASM_KERNELS = { LSTMKIT_SKIP_NATIVE: '1' };

const MODELS = process.env.MODELS?.split(',');
const groups = [
  { model: 'vanilla', batch: 128, full: true },
  ...(QUICK ? [] : [{ model: 'vanilla', batch: 32 }, { model: 'vanilla', batch: 512 }, { model: 'gru', batch: 128 }, { model: 'bidirectional', batch: 128 }, { model: 'rnn', batch: 32, stock: true }]),
].filter((g) => !MODELS || MODELS.includes(g.model));
const TITLES = { vanilla: 'W1 LSTM(128)', gru: 'GRU(128)', bidirectional: 'Bidirectional(LSTM(128))', rnn: 'W4 baseline SimpleRNN(32, relu)' };
const CELLS = { vanilla: 'LSTM', gru: 'GRU', bidirectional: 'LSTM', rnn: 'SimpleRNN' };
const pad = (s, n) => String(s).padStart(n);
const header = `${'engine'.padEnd(44)}${pad('ms/step', 9)}${pad('samples/s', 11)}${pad('s/epoch', 9)}${pad('peak MB', 9)}${pad('GFLOP/s', 9)}${pad('vs torch1', 10)}${pad('vs torch2', 10)}${pad('vs native', 10)}${pad('accuracy', 10)}`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
// The FMA peak of one core (in CPU time, so other processes do not lower it), from the native addon where built.
const ADDON = new URL('../packages/native/build/Release/lstmkit_native.node', import.meta.url).pathname;
const peak = existsSync(ADDON) ? createRequire(import.meta.url)(ADDON).fmaPeak(300) : 0;
console.log(`lstmkit bench:train — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${backends.join('/')} available; s/epoch = 60,000 samples; accuracy = ${ACC_EPOCHS} epochs on 8,000 embedded digits, tested on 2,000; load average ${load()}`);
console.log(peak ? `FMA peak of one core: ${peak.toFixed(0)} GFLOP/s (the GFLOP/s column is each step's arithmetic over its time; "at one core's peak" below is that time on one core)` : 'FMA peak: not measured (no native addon)');
for (const g of groups) {
  console.log(`\n${TITLES[g.model]} -> Dense(10), batch ${g.batch}: ${(stepFlops(g.model, g.batch) / 1e9).toFixed(3)} GFLOP a step${peak ? ` (${(stepFlops(g.model, g.batch) / peak / 1e6).toFixed(1)} ms at one core's peak)` : ''}; load average ${load()}`);
  if (ROUNDS > 1) console.log(`ms/step: median over ${ROUNDS} rounds of every row`);
  console.log(header);
  const rows = [];
  const acc = g.full ? ACC_EPOCHS : 0;
  if (missingTorch) rows.push({ label: 'PyTorch CPU', error: missingTorch });
  else {
    rows.push({ label: 'PyTorch CPU, 1 thread', torch1: true, engine: 'pytorch', threads: 1, epochs: acc });
    // 2 threads: fewer steps; on a busy 2-vCPU machine OpenBLAS' spinning threads take seconds a step.
    rows.push({ label: 'PyTorch CPU, 2 threads', torch2: true, engine: 'pytorch', threads: 2, steps: STEPS.slow });
  }
  if (g.full || g.stock) {
    // The stock LSTM takes ~1.5 s a step; a stock SimpleRNN(32) step is fast enough for the usual count.
    rows.push({ label: 'stock tfjs-layers (wasm)', engine: 'stock', backend: 'wasm', steps: g.full ? STEPS.stock : STEPS.fast });
    rows.push({ label: 'lstmkit wasm, fused kernel off', engine: 'lstmkit', backend: 'wasm', fused: false, steps: g.full ? STEPS.slow : STEPS.fast });
  }
  if (g.full) rows.push({ engine: 'lstmkit', backend: 'wasm', env: { LSTMKIT_THREADS: '1' } });
  for (const b of backends) {
    if (!g.full && b !== 'wasm') continue;
    const steps = b === 'webgpu' ? STEPS.webgpu : STEPS.fast;
    rows.push({ engine: 'lstmkit', backend: b, steps, epochs: b === 'wasm' ? acc : 0, native: b === 'wasm' });
    if (b !== 'wasm') continue;
    rows.push({ engine: 'lstmkit', backend: 'wasm', env: { ...WASM_KERNELS, LSTMKIT_THREADS: '1' } });
    rows.push({ engine: 'lstmkit', backend: 'wasm', env: WASM_KERNELS, epochs: g.full ? acc : 0 });
  }
  // Every row once per round, rounds one after another, so that a slow spell of the machine (another process, a
  // neighbour on the host) falls on every engine alike; each row's figure is its median over the rounds.
  const results = rows.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    rows.forEach((row, i) => {
      if (!row.error) results[i].push(run({ steps: STEPS.fast, ...row, ...(round > 0 ? { epochs: 0 } : {}), model: g.model, batch: g.batch }));
    });
  }
  let torch1, torch2, native;
  for (const [i, row] of rows.entries()) {
    const r = row.error ? { error: row.error } : medianOf(results[i]);
    const kernel = row.engine === 'lstmkit' && row.fused !== false ? kernelShort(r.fusedLstm) : undefined;
    // lstmkit's rows are named for the kernel that actually ran ("lstmkit wasm, LSTM on wasm, 2 threads").
    const label = row.label ?? `lstmkit ${row.backend}${kernel ? `, ${CELLS[g.model]} on ${kernel}` : ''}`;
    if (r.error) {
      console.log(`${label.padEnd(44)}skipped: ${r.error}`);
      continue;
    }
    const perEpoch = ((EPOCH / g.batch) * r.msPerStep) / 1000;
    if (row.torch1) torch1 = perEpoch;
    if (row.torch2) torch2 = perEpoch;
    if (row.native && kernel?.startsWith('native')) native = perEpoch;
    const ratio = (to) => (to ? `${(perEpoch / to).toFixed(2)}x` : '-');
    console.log(
      `${label.slice(0, 43).padEnd(44)}${pad(r.msPerStep.toFixed(1), 9)}${pad(((g.batch * 1000) / r.msPerStep).toFixed(0), 11)}${pad(perEpoch.toFixed(1), 9)}${pad(r.maxRssMB.toFixed(0), 9)}${pad((stepFlops(g.model, g.batch) / r.msPerStep / 1e6).toFixed(1), 9)}${pad(ratio(torch1), 10)}${pad(ratio(torch2), 10)}${pad(ratio(native), 10)}${pad(r.accuracy === undefined ? '' : `${(r.accuracy * 100).toFixed(2)}%`, 10)}`,
    );
    if (r.blas) {
      console.log(`${''.padEnd(4)}torch ${r.torch}, BLAS loaded: ${r.blas}`);
      if (!/openblas/i.test(r.blas)) console.log(`${''.padEnd(4)}warning: not OpenBLAS — torch is on the reference BLAS, ~12x slow; run \`pnpm bench:setup\``);
    }
    if (row.engine === 'lstmkit' && row.fused !== false && !kernel) console.log(`${''.padEnd(4)}fused kernel not used: ${r.fusedLstm}`);
  }
}

/** One row's rounds as one result: the median ms per step, the largest peak memory, the first round's rest. */
function medianOf(rounds) {
  const failed = rounds.find((r) => r.error);
  if (failed) return failed;
  const ms = rounds.map((r) => r.msPerStep).sort((a, b) => a - b);
  return { ...rounds[0], msPerStep: ms[ms.length >> 1], maxRssMB: Math.max(...rounds.map((r) => r.maxRssMB)) };
}

/**
 * Multiply-adds x 2 of one training step (forward, backward through time, weight gradients, head; 28 steps of 28
 * features): what a step costs at the least, to set against the machine's FMA peak.
 */
function stepFlops(model, batch) {
  const T = 28, D = 28, U = model === 'rnn' ? 32 : 128, gates = { vanilla: 4, bidirectional: 4, gru: 3, rnn: 1 }[model];
  const layers = model === 'bidirectional' ? 2 : 1;
  // forward: [x, h] -> gates; backward: the same product for dx and dh, and again for the weight gradients
  const recurrent = 3 * 2 * batch * T * (D + U) * gates * U * layers;
  const head = 3 * 2 * batch * U * layers * 10;
  return recurrent + head;
}
