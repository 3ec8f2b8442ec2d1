// Where the time of one training step goes: the fused kernel's forward and backward passes (native addon, or its
// WebAssembly build with LSTMKIT_SKIP_NATIVE=1) against the rest (the Dense head, loss, metric, optimizer,
// batching), for a model trained by @lstmkit/trainer on wasm — with each step through tfjs' trainOnBatch (~85 small
// tfjs kernels around the fused one) and through lstmkit's host step (everything on host arrays), in one run.
//   pnpm bench:profile                  # W1: LSTM(128), batch 128
//   MODEL=rnn UNITS=32 BATCH=32 pnpm bench:profile    # W4 baseline (relu); MODEL=gru works too
// Wraps the registered kernel in timers (the same functions, called the same way), so the figures include only
// the kernel calls themselves; "other" is everything else in the step.
import { loadavg } from 'node:os';
import { loadDataset } from '@lstmkit/datasets/node';
import { subset } from '@lstmkit/datasets';
import { buildModel, lstmKernelFor, registerLstmKernel } from '@lstmkit/models';
import { fit, useBackend } from '@lstmkit/trainer';

const MODEL = process.env.MODEL ?? 'vanilla';
const UNITS = Number(process.env.UNITS ?? 128);
const BATCH = Number(process.env.BATCH ?? 128);
const STEPS = Number(process.env.STEPS ?? 60);
const CELL = { vanilla: 'lstm', stacked: 'lstm', bidirectional: 'lstm', gru: 'gru', rnn: 'rnn' }[MODEL];
if (!CELL) throw new Error(`MODEL must be vanilla, stacked, bidirectional, gru or rnn, not "${MODEL}"`);

await useBackend('wasm');
const found = lstmKernelFor('wasm');
if (!('kernel' in found)) {
  console.log(`skipped: no fused kernel (${found.reason})`);
  process.exit(0);
}
const k = found.kernel;
let forward = [], backward = [];
const timed = (fn, into) => (...args) => {
  const t = performance.now();
  const r = fn.apply(k, args);
  into().push(performance.now() - t);
  return r;
};
registerLstmKernel({ ...k, [`${CELL}Forward`]: timed(k[`${CELL}Forward`], () => forward), [`${CELL}Backward`]: timed(k[`${CELL}Backward`], () => backward) });

const { train } = await loadDataset('mnist', { seed: 0 });
const data = subset(train, Array.from({ length: STEPS * BATCH }, (_, i) => i % train.shape[0]));
const spec = { family: MODEL, inputShape: [28, 28], units: UNITS, head: { task: 'multiclass', outputs: 10 }, seed: 0, ...(MODEL === 'rnn' ? { activation: 'relu' } : {}) };
const sum = (a) => a.reduce((s, v) => s + v, 0);
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
console.log(`${MODEL} ${UNITS} units, batch ${BATCH}, ${STEPS} steps on wasm with ${k.name}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const hostStep of [false, true]) {
  forward = [];
  backward = [];
  const model = buildModel(spec);
  const t = performance.now();
  await fit(model, data, { epochs: 1, batchSize: BATCH, hostStep });
  const step = (performance.now() - t) / STEPS;
  model.dispose();
  const f = sum(forward) / STEPS, b = sum(backward) / STEPS;
  console.log(`${hostStep ? 'host step       ' : 'tfjs trainOnBatch'}: ms per step ${step.toFixed(2)} = kernel forward ${f.toFixed(2)} + kernel backward ${b.toFixed(2)} + other ${(step - f - b).toFixed(2)}; median kernel call: forward ${median(forward).toFixed(2)} ms, backward ${median(backward).toFixed(2)} ms`);
}
